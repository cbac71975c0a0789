#include <map>

#include <fmt/format.h>

#include <netobs/tiered_policy.hpp>

#include "manifest/tiered_parse.hpp"

namespace netobs {

bool TieredRule::has_domain_names() const {
  return std::any_of(peers.begin(), peers.end(),
                     [](const TieredPeer& peer) { return peer.kind == TieredPeer::Kind::domain_names; });
}

std::string describe(const TieredPolicy& policy) {
  return fmt::format("{} {} ({})", policy.kind, policy.name.empty() ? "(no name)" : policy.name, policy.api_version);
}

std::string describe_rule(const TieredPolicy& policy, PolicyType type, std::size_t index) {
  const TieredRule& rule = policy.rules(type)[index];
  return fmt::format("{} {} rule {}{}", describe(policy), type == PolicyType::ingress ? "ingress" : "egress", index + 1,
                     rule.name.empty() ? "" : " (" + rule.name + ")");
}

std::string_view to_string(TieredAction action) {
  switch (action) {
    case TieredAction::allow:
      return "Allow";
    case TieredAction::deny:
      return "Deny";
    case TieredAction::pass:
      return "Pass";
  }
  return "";
}

std::string_view to_string(Tier tier) { return tier == Tier::admin ? "Admin" : "Baseline"; }

void check_tiered_set(std::vector<TieredPolicy>& policies) {
  // np-guard rejects what the API leaves undefined (two ANPs of one priority), as the order
  // between them would be a guess; v1alpha2 tiers order them by name, so only v1alpha1 is checked.
  std::map<std::string, const TieredPolicy*> names;
  std::map<int, const TieredPolicy*> priorities;
  const TieredPolicy* baseline = nullptr;
  for (auto& policy : policies) {
    if (policy.api_version != "policy.networking.k8s.io/v1alpha1") continue;
    auto add = [&](std::string message) { policy.problems.push_back({policy.location, std::move(message)}); };
    if (policy.kind == "BaselineAdminNetworkPolicy") {
      if (baseline) {
        add(
            fmt::format("baseline admin network policy \"{}\": only one baseline admin network policy can exist; one "
                        "is at {}:{}",
                        policy.name, baseline->location.file, baseline->location.line));
      }
      baseline = &policy;
      continue;
    }
    if (auto [it, added] = names.emplace(policy.name, &policy); !added) {
      add(fmt::format("admin network policy \"{}\": an admin network policy of the same name is at {}:{}", policy.name,
                      it->second->location.file, it->second->location.line));
    }
    if (auto [it, added] = priorities.emplace(policy.priority, &policy); !added) {
      add(fmt::format(
          "admin network policy \"{}\": has the same priority {} as \"{}\" ({}:{}), which makes their "
          "order undefined",
          policy.name, policy.priority, it->second->name, it->second->location.file, it->second->location.line));
    }
  }
}

}  // namespace netobs
