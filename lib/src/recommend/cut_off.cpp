#include "cut_off.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

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

}  // namespace

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
    if ((ref.kind != "CronJob" && ref.kind != "Job") || !covered.contains(ref.namespace_name) || with_policy.contains(ref)) {
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
