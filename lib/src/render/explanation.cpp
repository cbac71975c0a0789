#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <netobs/explain.hpp>

#include "util/k8s_json.hpp"

namespace netobs {
namespace {

const char* direction_name(PolicyType type) { return type == PolicyType::egress ? "Egress" : "Ingress"; }

// Why one rule did or did not allow the connection, in words.
std::string rule_reason(const RuleVerdict& rule, const Explanation& e, const std::string& peer) {
  if (!rule.peer_matches) {
    return fmt::format("its peers do not select {}{}", peer, rule.note.empty() ? "" : " (" + rule.note + ")");
  }
  if (rule.ports.contains(e.protocol, e.port)) return "allows it";
  if (!rule.note.empty()) return fmt::format("selects {}, but {}", peer, rule.note);
  return fmt::format("selects {}, but its ports ({}) do not include {} {}", peer, rule.ports.to_string(),
                     to_string(e.protocol), e.port);
}

struct SideView {
  const SideExplanation& side;
  const std::string& subject;
  const std::string& peer;
  const char* role;  // "source" or "destination"
};

SideView view(const Explanation& e, PolicyType type) {
  return type == PolicyType::egress ? SideView{e.egress, e.from.name, e.to.name, "source"}
                                    : SideView{e.ingress, e.to.name, e.from.name, "destination"};
}

bool side_allows(const Explanation& e, const SideExplanation& side) {
  return side.allowed.contains(e.protocol, e.port);
}

// The tier rules that decided this port, as lines ("Admin tier: AdminNetworkPolicy x (...) (f:3)
// Egress rule #1 (deny-all): denies it").
std::string tier_lines(const Explanation& e, const SideExplanation& side, Tier tier) {
  std::string out;
  for (const auto& d : tier == Tier::admin ? side.admin : side.baseline) {
    if (!d.decided.contains(e.protocol, e.port)) continue;
    const std::string& name = d.policy->rules(side.type)[d.rule - 1].name;
    const char* verdict = d.action == TieredAction::allow  ? "allows it"
                          : d.action == TieredAction::deny ? "denies it"
                          : tier == Tier::admin            ? "passes it on to NetworkPolicies"
                                                           : "passes it: allowed";
    out += fmt::format("  {} tier: {} ({}:{}) {} rule #{}{}: {}\n", to_string(tier), describe(*d.policy),
                       d.policy->location.file, d.policy->location.line, direction_name(side.type), d.rule,
                       name.empty() ? "" : " (" + name + ")", verdict);
  }
  return out;
}

nlohmann::ordered_json tier_json(const Explanation& e, const SideExplanation& side, Tier tier) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& d : tier == Tier::admin ? side.admin : side.baseline) {
    out.push_back({{"kind", d.policy->kind},
                   {"name", d.policy->name},
                   {"file", d.policy->location.file},
                   {"line", d.policy->location.line},
                   {"rule", d.rule},
                   {"rule_name", d.policy->rules(side.type)[d.rule - 1].name},
                   {"action", std::string(to_string(d.action))},
                   {"decides", d.decided.contains(e.protocol, e.port)}});
  }
  return out;
}

// The Cilium rules (deny or allow ones) that matched this port, as lines ("CiliumNetworkPolicy
// shop/web (f:3) Egress rule #2: allows it").
std::string cilium_lines(const Explanation& e, const SideExplanation& side, bool deny) {
  std::string out;
  for (const auto& v : side.cilium) {
    if (v.deny != deny || !v.matched.contains(e.protocol, e.port)) continue;
    const SourceLocation& at = v.policy->rules(side.type, deny)[v.rule - 1].location;
    out += fmt::format("  {} ({}:{}) {}{} rule #{}: {}{}\n", describe(*v.policy), at.file, at.line,
                       direction_name(side.type), deny ? "Deny" : "", v.rule, deny ? "denies it" : "allows it",
                       v.note.empty() ? "" : " (" + v.note + ")");
  }
  return out;
}

nlohmann::ordered_json cilium_json(const Explanation& e, const SideExplanation& side) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& v : side.cilium) {
    out.push_back({{"kind", v.policy->kind},
                   {"namespace", v.policy->namespace_name},
                   {"name", v.policy->name},
                   {"file", v.policy->location.file},
                   {"line", v.policy->location.line},
                   {"rule", v.rule},
                   {"rule_line", v.policy->rules(side.type, v.deny)[v.rule - 1].location.line},
                   {"action", v.deny ? "deny" : "allow"},
                   {"decides", v.matched.contains(e.protocol, e.port)},
                   {"note", v.note}});
  }
  return out;
}

}  // namespace

std::string render_explanation_text(const Explanation& e) {
  std::string out = fmt::format("{}: {} => {} {} {}\n", e.allowed ? "ALLOWED" : "DENIED", e.from.name, e.to.name,
                                to_string(e.protocol), e.port);
  if (e.exemption != Exemption::none) {
    // The policies below do not decide it; show them for what they would say of other peers.
    out += fmt::format("  {}: no NetworkPolicy applies to it\n", describe(e.exemption));
  }
  for (PolicyType type : {PolicyType::egress, PolicyType::ingress}) {
    const SideView v = view(e, type);
    out += fmt::format("\n{} of {}: {}\n", direction_name(type), v.subject,
                       e.exemption != Exemption::none ? "exempt"
                       : side_allows(e, v.side)       ? "allowed"
                                                      : "denied");
    out += tier_lines(e, v.side, Tier::admin);
    if (!v.side.left_by_admin.contains(e.protocol, e.port)) continue;  // the Admin tier decided it
    const std::string denied_by_cilium = cilium_lines(e, v.side, true);
    out += denied_by_cilium;
    if (!denied_by_cilium.empty()) continue;  // a Cilium deny rule wins over every allow
    if (!v.side.isolated) {
      const std::string baseline = tier_lines(e, v.side, Tier::baseline);
      out += v.subject.ends_with("[External]") || !(type == PolicyType::egress ? e.from : e.to).endpoint.pod
                 ? "  an address outside the cluster: no policy applies to it\n"
             : baseline.empty()
                 ? fmt::format("  no policy selecting the {} isolates its {}: all traffic is allowed\n", v.role,
                               type == PolicyType::egress ? "egress" : "ingress")
                 : fmt::format("  no policy selecting the {} isolates its {}: the Baseline tier decides\n{}", v.role,
                               type == PolicyType::egress ? "egress" : "ingress", baseline);
      continue;
    }
    for (const auto& policy : v.side.policies) {
      const NetworkPolicy& p = *policy.policy;
      out += fmt::format("  {} ({}:{}) selects the {}\n", describe(p), p.location.file, p.location.line, v.role);
      if (policy.rules.empty()) {
        out += fmt::format("    it has no {} rules: it allows nothing\n", direction_name(type));
      }
      for (const auto& rule : policy.rules) {
        out += fmt::format("    {} rule #{}: {}\n", direction_name(type), rule.index, rule_reason(rule, e, v.peer));
      }
    }
    const std::string allowed_by_cilium = cilium_lines(e, v.side, false);
    out += allowed_by_cilium;
    if (allowed_by_cilium.empty() && v.side.policies.empty()) {
      out += fmt::format("  the Cilium policies selecting the {} isolate {}: none of their rules allows it\n", v.role,
                         direction_name(type));
    }
  }
  return out;
}

std::string render_explanation_json(const Explanation& e) {
  nlohmann::ordered_json out;
  out["verdict"] = e.allowed ? "ALLOWED" : "DENIED";
  out["from"] = e.from.name;
  out["to"] = e.to.name;
  out["protocol"] = std::string(to_string(e.protocol));
  out["port"] = e.port;
  if (e.exemption != Exemption::none) {
    out["exemption"] = e.exemption == Exemption::own_node ? "own-node" : "same-pod";
    out["reason"] = std::string(describe(e.exemption));
  }
  for (PolicyType type : {PolicyType::egress, PolicyType::ingress}) {
    const SideView v = view(e, type);
    nlohmann::ordered_json side;
    side["subject"] = v.subject;
    side["isolated"] = v.side.isolated;
    side["allowed"] = e.exemption != Exemption::none || side_allows(e, v.side);
    side["admin"] = tier_json(e, v.side, Tier::admin);
    side["policies"] = nlohmann::ordered_json::array();
    for (const auto& policy : v.side.policies) {
      nlohmann::ordered_json p;
      p["kind"] = policy.policy->kind;
      p["namespace"] = policy.policy->namespace_name;
      p["name"] = policy.policy->name;
      p["file"] = policy.policy->location.file;
      p["line"] = policy.policy->location.line;
      p["rules"] = nlohmann::ordered_json::array();
      for (const auto& rule : policy.rules) {
        p["rules"].push_back({{"index", rule.index},
                              {"peer_matches", rule.peer_matches},
                              {"allows", rule.peer_matches && rule.ports.contains(e.protocol, e.port)},
                              {"reason", rule_reason(rule, e, v.peer)}});
      }
      side["policies"].push_back(std::move(p));
    }
    if (!v.side.cilium.empty()) side["cilium"] = cilium_json(e, v.side);
    side["baseline"] = tier_json(e, v.side, Tier::baseline);
    out[type == PolicyType::egress ? "egress" : "ingress"] = std::move(side);
  }
  return k8s::to_json_text(out, 2) + "\n";
}

}  // namespace netobs
