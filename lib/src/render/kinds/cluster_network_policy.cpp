// The `clusternetworkpolicy` kind: workload rules stay networking/v1 NetworkPolicies, and
// --default-deny is the cluster tiers (cluster_tiers.hpp) of the upstream
// policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy.
#include <cctype>

#include "cluster_tiers.hpp"
#include "kinds.hpp"
#include "render/policy_json.hpp"

namespace netobs::kinds {

void cluster_network_policy_documents(const PolicyModel& model, const DocumentSink& sink) {
  for (const auto& list : model.workloads) sink(to_json(network_policy(list, model.dns)));
  const TierDialect dialect{
      "policy.networking.k8s.io/v1alpha2", "protocols", [](const PortKey& port) {
        std::string protocol(to_string(port.first));
        for (char& c : protocol) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return nlohmann::ordered_json{{protocol, {{"destinationPort", {{"number", port.second}}}}}};
      }};
  for (const auto& document : cluster_tier_documents(model, dialect)) sink(document);
}

}  // namespace netobs::kinds
