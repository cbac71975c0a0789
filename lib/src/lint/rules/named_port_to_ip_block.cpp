#include "lint/rules/rules.hpp"
#include "util/k8s_json.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check_named_port_to_ip_block(const LintContext& ctx) {
  Diagnostics out;
  for (const auto& input : ctx.policies) {
    for_each_rule(input, [&](PolicyType type, const json& rule, const std::string& pointer) {
      if (type != PolicyType::egress || !rule.contains("to") || !rule["to"].is_array()) return;
      const bool blocks = std::any_of(rule["to"].begin(), rule["to"].end(),
                                      [](const json& peer) { return peer.is_object() && peer.contains("ipBlock"); });
      if (!blocks || !rule.contains("ports") || !rule["ports"].is_array()) return;
      for (std::size_t i = 0; i < rule["ports"].size(); ++i) {
        const json& port = rule["ports"][i];
        if (port.is_object() && port.contains("port") && port["port"].is_string()) {
          out.push_back(ctx.at(input, pointer + "/ports/" + std::to_string(i) + "/port",
                               "named port " + k8s::to_json_text(port["port"]) +
                                   " toward an ipBlock: addresses outside the cluster have no named ports, so it "
                                   "matches nothing there"));
        }
      }
    });
  }
  return out;
}

}  // namespace

const Rule k_named_port_to_ip_block{"named-port-to-ip-block", Severity::warning,
                                    "Named port in an egress rule to ipBlock peers",
                                    "Use the port number for ipBlock peers.", &check_named_port_to_ip_block};

}  // namespace netobs::lint::rules
