#include <netobs/render.hpp>

#include "policy_json.hpp"
#include "yaml_writer.hpp"
#include "util/k8s_json.hpp"

namespace netobs {

std::string render_policies(const std::vector<NetworkPolicy>& policies, OutputFormat format) {
  if (format == OutputFormat::json) {
    nlohmann::ordered_json list;
    list["apiVersion"] = "v1";
    list["kind"] = "List";
    list["items"] = nlohmann::ordered_json::array();
    for (const auto& policy : policies) list["items"].push_back(to_json(policy));
    return k8s::to_json_text(list, 2) + "\n";
  }
  std::string out;
  for (const auto& policy : policies) {
    out += "---\n";
    write_yaml(to_json(policy), out);
  }
  return out;
}

}  // namespace netobs
