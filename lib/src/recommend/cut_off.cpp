#include "cut_off.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include <netobs/time.hpp>

namespace netobs {

std::vector<std::string> cut_off(const Inventory& inventory, const RecommendOptions& options,
                                 const std::set<std::string>& covered, const std::vector<const WorkloadNode*>& chosen) {
  std::set<WorkloadRef> with_policy;
  for (const WorkloadNode* node : chosen) with_policy.insert(node->ref);
  std::map<WorkloadRef, std::string> out;
  for (const auto& pod : inventory.pods()) {
    if (!covered.contains(pod.namespace_name) || pod.terminated || pod.host_network) continue;
    if (!with_policy.contains(pod.owner)) out.emplace(pod.owner, "pods running, no traffic observed in the window");
  }
  for (const auto& workload : inventory.workloads()) {
    const WorkloadRef& ref = workload.first;  // not a structured binding: the lambda below captures it (clang 14)
    const WorkloadInfo& info = workload.second;
    if ((ref.kind != "CronJob" && ref.kind != "Job") || !covered.contains(ref.namespace_name) || with_policy.contains(ref)) {
      continue;
    }
    if (ref.kind == "Job" && std::any_of(inventory.workloads().begin(), inventory.workloads().end(), [&](const auto& w) {
          return w.first.kind == "CronJob" && w.first.namespace_name == ref.namespace_name && ref.name.starts_with(w.first.name + "-");
        })) {
      continue;  // a CronJob's run: the CronJob is listed
    }
    if (!info.last_run) {
      out[ref] = "has not run yet: it will fail at its first run";
    } else if (options.window_start && *info.last_run < options.window_start) {
      out[ref] = fmt::format("last ran {}, before the window: it will fail at its next run", format_rfc3339(*info.last_run));
    } else if (!out.contains(ref)) {
      out[ref] = fmt::format("ran {} but no traffic was observed", format_rfc3339(*info.last_run));
    }
  }
  std::vector<std::string> lines;
  lines.reserve(out.size());
  for (const auto& [ref, why] : out) lines.push_back(fmt::format("{}: {}", workload_name(ref), why));
  return lines;
}

}  // namespace netobs
