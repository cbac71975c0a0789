// One writer per output kind: each translates the kind-neutral model into that kind's documents
// (Kubernetes objects as JSON, in the order they are written).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include <netobs/policy_model.hpp>

namespace netobs {

// Pieces of the networking/v1 translation the other kinds reuse.
NetworkPolicy network_policy(const WorkloadAllowList& list, const std::optional<ClusterDns>& dns);
std::vector<PolicyPeer> dns_policy_peers(const ClusterDns& dns);
void sort_policies(std::vector<NetworkPolicy>& policies);

namespace kinds {

std::vector<nlohmann::ordered_json> network_policy_documents(const PolicyModel& model);
std::vector<nlohmann::ordered_json> cilium_documents(const PolicyModel& model);
std::vector<nlohmann::ordered_json> eks_documents(const PolicyModel& model);
std::vector<nlohmann::ordered_json> cluster_network_policy_documents(const PolicyModel& model);

}  // namespace kinds
}  // namespace netobs
