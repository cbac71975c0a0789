// What a default deny cuts off that no recommended policy allows, for the summary: the
// workloads the observation window did not see, and pod egress the flow records could not
// attribute to a pod.
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

// Pod egress leaving the VPC that VPC records show only as a node's address (the VPC CNI SNATs it),
// per node, destination and port: no policy can allow it, the pod being unknown. Only nodes that
// ran pods of `covered` namespaces (or pods whose node is unknown) are listed: the node's own
// traffic is never isolated.
std::vector<std::string> snat_cut_off(const Graph& graph, const Inventory& inventory, const RecommendOptions& options,
                                      const std::set<std::string>& covered);

}  // namespace netobs
