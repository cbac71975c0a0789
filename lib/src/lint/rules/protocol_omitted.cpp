#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check(const LintContext& ctx) {
  Diagnostics out;
  for (const auto& input : ctx.policies) {
    for_each_port(input, [&](PolicyType, const json& port, const std::string& at) {
      if (port.is_object() && (!port.contains("protocol") || port["protocol"].is_null())) {
        out.push_back(ctx.at(input, at, "protocol is omitted and defaults to TCP; UDP traffic on this port (DNS, QUIC) is not allowed"));
      }
    });
  }
  return out;
}

}  // namespace

const Rule k_protocol_omitted{"protocol-omitted", Severity::warning, "Port without an explicit protocol",
                              "Write protocol: TCP (or UDP, SCTP) on every port.", &check};

}  // namespace netobs::lint::rules
