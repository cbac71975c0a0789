#include "lint/rules/rules.hpp"
#include "util/k8s_json.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check_invalid_port(const LintContext& ctx) {
  Diagnostics out;
  for (const auto& input : ctx.policies) {
    for_each_port(input, [&](PolicyType, const json& port, const std::string& at) {
      if (!port.is_object()) {
        out.push_back(ctx.at(input, at, "a ports element is " + type_name(port) + ", not a map"));
        return;
      }
      for (const auto& [key, value] : port.items()) {
        if (key != "port" && key != "protocol" && key != "endPort") {
          out.push_back(ctx.at(input, at + "/" + key,
                               "unknown field '" + key + "' in a port (expected protocol, port, endPort)"));
        }
      }
      if (port.contains("protocol") && !port["protocol"].is_null()) {
        const json& protocol = port["protocol"];
        if (protocol != "TCP" && protocol != "UDP" && protocol != "SCTP") {
          out.push_back(
              ctx.at(input, at + "/protocol", "protocol " + k8s::to_json_text(protocol) + " is not TCP, UDP or SCTP"));
        }
      }
      bool numeric = false;
      long long number = 0;
      if (port.contains("port") && !port["port"].is_null()) {
        const json& value = port["port"];
        if (value.is_number_integer()) {
          number = value.get<long long>();
          numeric = true;
          if (number < 1 || number > 65535)
            out.push_back(ctx.at(input, at + "/port", "port " + k8s::to_json_text(value) + " is not in 1-65535"));
        } else if (value.is_string()) {
          if (!is_port_name(value.get<std::string>())) {
            out.push_back(ctx.at(input, at + "/port",
                                 "port name " + k8s::to_json_text(value) +
                                     " is not a valid port name (at most 15 of a-z, 0-9 and '-', "
                                     "with a letter, no '-' at either end or twice in a row)"));
          }
        } else {
          out.push_back(ctx.at(input, at + "/port", "port is " + type_name(value) + ", not a number or a name"));
        }
      }
      if (port.contains("endPort") && !port["endPort"].is_null()) {
        const json& end = port["endPort"];
        if (!end.is_number_integer()) {
          out.push_back(ctx.at(input, at + "/endPort", "endPort is " + type_name(end) + ", not a number"));
        } else if (!numeric) {
          out.push_back(ctx.at(input, at + "/endPort", "endPort needs a numeric port to start the range"));
        } else if (end.get<long long>() < number) {
          out.push_back(ctx.at(input, at + "/endPort",
                               "endPort " + k8s::to_json_text(end) + " is below port " + std::to_string(number)));
        } else if (end.get<long long>() > 65535) {
          out.push_back(ctx.at(input, at + "/endPort", "endPort " + k8s::to_json_text(end) + " is above 65535"));
        }
      }
    });
  }
  return out;
}

}  // namespace

const Rule k_invalid_port{
    "invalid-port", Severity::error,
    "Port the API server rejects (bad protocol, port out of range or malformed name, endPort misuse)",
    "Use protocol TCP, UDP or SCTP; a port in 1-65535 or a valid port name; endPort only after a numeric port and "
    "not below it.",
    &check_invalid_port};

}  // namespace netobs::lint::rules
