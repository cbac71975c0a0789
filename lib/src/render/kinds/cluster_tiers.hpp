// The cluster-scoped pieces of the `eks` and `clusternetworkpolicy` kinds: with --default-deny, one
// Baseline-tier Deny for the covered namespaces instead of a deny policy per namespace, and an
// Admin-tier Accept for DNS to the cluster resolver. The two APIs share this shape and differ in
// their group and in how a rule names its ports.
#pragma once

#include <functional>
#include <vector>

#include <nlohmann/json.hpp>

#include <netobs/policy_model.hpp>

namespace netobs::kinds {

struct TierDialect {
  const char* api_version;
  const char* ports_key;                                       // "ports" (EKS), "protocols" (upstream)
  std::function<nlohmann::ordered_json(const PortKey&)> port;  // one item of that list
};

// Empty unless the model has a default deny.
std::vector<nlohmann::ordered_json> cluster_tier_documents(const PolicyModel& model, const TierDialect& dialect);

}  // namespace netobs::kinds
