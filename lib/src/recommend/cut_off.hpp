// What a default deny cuts off that no recommended policy allows, for the summary: the
// workloads the observation window did not see.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <netobs/recommend.hpp>

namespace netobs {

// What a default-deny of `covered` cuts off that no policy allows: workloads whose pods run but
// had no traffic in the window, and Jobs and CronJobs whose last run is older than the window
// (they will fail at their next run). `chosen` are the workloads that get a policy.
std::vector<std::string> cut_off(const Inventory& inventory, const RecommendOptions& options,
                                 const std::set<std::string>& covered, const std::vector<const WorkloadNode*>& chosen);

}  // namespace netobs
