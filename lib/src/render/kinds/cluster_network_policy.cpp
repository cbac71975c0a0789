// The `clusternetworkpolicy` kind: workload rules stay networking/v1 NetworkPolicies, and
// --default-deny is the cluster tiers (cluster_tiers.hpp) of the upstream
// policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy.
#include <cctype>

#include "cluster_tiers.hpp"
#include "kinds.hpp"
#include "render/policy_json.hpp"

namespace netobs::kinds {

std::vector<nlohmann::ordered_json> cluster_network_policy_documents(const PolicyModel& model) {
  std::vector<nlohmann::ordered_json> out;
  for (const auto& list : model.workloads) out.push_back(to_json(network_policy(list, model.dns)));
  const TierDialect dialect{
      "policy.networking.k8s.io/v1alpha2", "protocols", [](const PortKey& port) {
        std::string protocol(to_string(port.first));
        for (char& c : protocol) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return nlohmann::ordered_json{{protocol, {{"destinationPort", {{"number", port.second}}}}}};
      }};
  for (auto& document : cluster_tier_documents(model, dialect)) out.push_back(std::move(document));
  return out;
}

}  // namespace netobs::kinds
