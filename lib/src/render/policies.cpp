#include <netobs/render.hpp>

#include "kinds/kinds.hpp"
#include "policy_json.hpp"
#include "util/k8s_json.hpp"
#include "yaml_writer.hpp"

namespace netobs {
namespace {

std::string render_documents(const std::vector<nlohmann::ordered_json>& documents, OutputFormat format) {
  if (format == OutputFormat::json) {
    nlohmann::ordered_json list;
    list["apiVersion"] = "v1";
    list["kind"] = "List";
    list["items"] = nlohmann::ordered_json::array();
    for (const auto& document : documents) list["items"].push_back(document);
    return k8s::to_json_text(list, 2) + "\n";
  }
  std::string out;
  for (const auto& document : documents) {
    out += "---\n";
    write_yaml(document, out);
  }
  return out;
}

}  // namespace

std::string render_policies(const std::vector<NetworkPolicy>& policies, OutputFormat format) {
  std::vector<nlohmann::ordered_json> documents;
  documents.reserve(policies.size());
  for (const auto& policy : policies) documents.push_back(to_json(policy));
  return render_documents(documents, format);
}

std::string render_recommendation(const PolicyModel& model, OutputKind kind, OutputFormat format) {
  switch (kind) {
    case OutputKind::cilium:
      return render_documents(kinds::cilium_documents(model), format);
    case OutputKind::eks:
      return render_documents(kinds::eks_documents(model), format);
    case OutputKind::clusternetworkpolicy:
      return render_documents(kinds::cluster_network_policy_documents(model), format);
    case OutputKind::networkpolicy:
      break;
  }
  return render_documents(kinds::network_policy_documents(model), format);
}

}  // namespace netobs
