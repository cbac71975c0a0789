// One writer per output kind: each translates the kind-neutral model into that kind's documents
// (Kubernetes objects as JSON), handing them to a sink one at a time in the order they are
// written, so only one document's tree exists at a time.
#pragma once

#include <functional>
#include <vector>

#include <nlohmann/json.hpp>

#include <netobs/policy_model.hpp>

namespace netobs {

// Pieces of the networking/v1 translation the other kinds reuse.
NetworkPolicy network_policy(const WorkloadAllowList& list, const std::optional<ClusterDns>& dns);
std::vector<PolicyPeer> dns_policy_peers(const ClusterDns& dns);
void sort_policies(std::vector<NetworkPolicy>& policies);

namespace kinds {

using DocumentSink = std::function<void(const nlohmann::ordered_json&)>;

void network_policy_documents(const PolicyModel& model, const DocumentSink& sink);
void cilium_documents(const PolicyModel& model, const DocumentSink& sink);
void eks_documents(const PolicyModel& model, const DocumentSink& sink);
void cluster_network_policy_documents(const PolicyModel& model, const DocumentSink& sink);

}  // namespace kinds
}  // namespace netobs
