#include "cut_off.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <netobs/time.hpp>

namespace netobs {
namespace {

// A Job a CronJob started: its controller says so, or (without ownerReferences) its name is the
// CronJob's followed by a dash, as the CronJob controller names them.
bool is_run_of(const WorkloadRef& job, const WorkloadInfo& info, const WorkloadRef& cron_job) {
  if (job.kind != "Job" || job.namespace_name != cron_job.namespace_name) return false;
  if (info.controller) return *info.controller == cron_job;
  return job.name.starts_with(cron_job.name + "-");
}

// The latest time a Job or CronJob is known to have run: its own status, a CronJob's Jobs, and the
// pods that ran for it (a CronJob whose status was not kept, or whose Job is still running).
std::optional<std::int64_t> last_run(const Inventory& inventory, const WorkloadRef& ref, const WorkloadInfo& info) {
  std::optional<std::int64_t> latest = info.last_run;
  auto consider = [&latest](const std::optional<std::int64_t>& time) {
    if (time && (!latest || *time > *latest)) latest = time;
  };
  if (ref.kind == "CronJob") {
    for (const auto& [job, job_info] : inventory.workloads()) {
      if (is_run_of(job, job_info, ref)) consider(job_info.last_run);
    }
  }
  for (const auto& pod : inventory.pods()) {
    if (pod.owner != ref) continue;
    consider(pod.start_time);
    consider(pod.finish_time);
  }
  return latest;
}

// Whether `ip` is outside the VPC, where the VPC CNI SNATs pod egress: outside --vpc-cidr, or
// without it, a public address. Inside the VPC a node's address is the node's own traffic.
bool leaves_vpc(const IpAddress& ip, const RecommendOptions& options) {
  if (options.vpc_cidrs.empty()) return !ip.is_private();
  return std::none_of(options.vpc_cidrs.begin(), options.vpc_cidrs.end(),
                      [&](const Cidr& c) { return c.contains(ip); });
}

// The workloads of `covered` whose pods ran on `node`; `unknown` is set when a covered pod does
// not say which node it ran on.
std::set<WorkloadRef> workloads_on(const Node& node, const Inventory& inventory, const std::set<std::string>& covered,
                                   bool& unknown) {
  std::set<WorkloadRef> out;
  for (const auto& pod : inventory.pods()) {
    if (!covered.contains(pod.namespace_name) || pod.host_network) continue;
    if (pod.node_name.empty() && !pod.host_ip) {
      unknown = true;
    } else if (pod.node_name == node.name || (pod.host_ip && std::find(node.addresses.begin(), node.addresses.end(),
                                                                       *pod.host_ip) != node.addresses.end())) {
      out.insert(pod.owner);
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> snat_cut_off(const Graph& graph, const Inventory& inventory, const RecommendOptions& options,
                                      const std::set<std::string>& covered) {
  std::vector<std::string> lines;
  for (const auto& [edge, flows] : graph.report.snat_edges) {
    const IpAddress& destination = edge.server.ip;
    if (!leaves_vpc(destination, options) || graph.apiserver_ips.contains(destination)) continue;
    const Node* node = inventory.node_by_ip(edge.client.ip);
    bool unknown = node == nullptr;
    std::set<WorkloadRef> workloads;
    if (node) workloads = workloads_on(*node, inventory, covered, unknown);
    if (workloads.empty() && !unknown) continue;  // no covered pod ran there: the node's own traffic
    std::vector<std::string> names;
    names.reserve(workloads.size());
    for (const auto& ref : workloads) names.push_back(workload_name(ref));
    std::string to = to_string(destination);
    if (options.addresses) {
      if (auto name = options.addresses->find(destination)) to += fmt::format(" ({})", name->name);
    }
    const std::string from =
        node ? fmt::format("{} ({})", node->name, to_string(edge.client.ip)) : to_string(edge.client.ip);
    lines.push_back(fmt::format("node {} -> {} {} {} ({} flow{}): {}", from, to, to_string(edge.protocol), edge.port,
                                flows, flows == 1 ? "" : "s",
                                names.empty() ? std::string("from a pod of a covered namespace")
                                              : fmt::format("from a pod of {}", fmt::join(names, ", "))));
  }
  return lines;
}

std::vector<std::string> cut_off(const Inventory& inventory, const RecommendOptions& options,
                                 const std::set<std::string>& covered, const std::vector<const WorkloadNode*>& chosen) {
  std::set<WorkloadRef> with_policy;
  for (const WorkloadNode* node : chosen) with_policy.insert(node->ref);
  std::map<WorkloadRef, std::string> out;
  for (const auto& pod : inventory.pods()) {
    if (!covered.contains(pod.namespace_name) || pod.terminated || pod.host_network) continue;
    if (!with_policy.contains(pod.owner)) out.emplace(pod.owner, "pods running, no traffic observed in the window");
  }
  for (const auto& [ref, info] : inventory.workloads()) {
    if ((ref.kind != "CronJob" && ref.kind != "Job") || !covered.contains(ref.namespace_name) ||
        with_policy.contains(ref)) {
      continue;
    }
    const auto& workloads = inventory.workloads();
    if (std::any_of(workloads.begin(), workloads.end(), [&, &job = ref, &job_info = info](const auto& w) {
          return w.first.kind == "CronJob" && is_run_of(job, job_info, w.first);
        })) {
      continue;  // a CronJob's run: the CronJob is listed
    }
    const std::optional<std::int64_t> ran = last_run(inventory, ref, info);
    if (!ran) {
      out[ref] = "has not run yet: it will fail at its first run";
    } else if (options.window_start && *ran < options.window_start) {
      out[ref] = fmt::format("last ran {}, before the window: it will fail at its next run", format_rfc3339(*ran));
    } else {
      out[ref] = fmt::format("ran {}, no traffic seen: no policy allows what its next run needs", format_rfc3339(*ran));
    }
  }
  std::vector<std::string> lines;
  lines.reserve(out.size());
  for (const auto& [ref, why] : out) lines.push_back(fmt::format("{}: {}", workload_name(ref), why));
  return lines;
}

}  // namespace netobs
