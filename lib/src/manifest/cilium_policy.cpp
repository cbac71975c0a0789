#include <fmt/format.h>

#include <netobs/cilium_policy.hpp>

namespace netobs {

bool CiliumPolicy::isolates(PolicyType type) const {
  const auto& choice = type == PolicyType::ingress ? default_deny_ingress : default_deny_egress;
  if (choice) return *choice;
  return !rules(type, false).empty() || !rules(type, true).empty();
}

std::string describe(const CiliumPolicy& policy) {
  const std::string name = policy.namespace_name.empty() ? policy.name : policy.namespace_name + "/" + policy.name;
  return fmt::format("{} {}{}", policy.kind, name.empty() ? "(no name)" : name,
                     policy.part.empty() ? "" : " " + policy.part);
}

std::string describe_rule(const CiliumPolicy& policy, PolicyType type, bool deny, std::size_t index) {
  return fmt::format("{} {}{} rule {}", describe(policy), type == PolicyType::ingress ? "ingress" : "egress",
                     deny ? "Deny" : "", index + 1);
}

Labels cilium_labels(const Labels& pod_labels, const std::string& namespace_name, const Labels& namespace_labels) {
  Labels out;
  for (const auto& [key, value] : pod_labels) out["k8s:" + key] = value;
  for (const auto& [key, value] : namespace_labels) out[k_cilium_namespace_labels_prefix + key] = value;
  out[k_cilium_namespace_key] = namespace_name;
  return out;
}

}  // namespace netobs
