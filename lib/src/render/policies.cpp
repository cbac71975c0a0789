#include <netobs/render.hpp>

#include "kinds/kinds.hpp"
#include "policy_json.hpp"
#include "util/k8s_json.hpp"
#include "yaml_writer.hpp"

namespace netobs {
namespace {

// The text of documents added one at a time: YAML documents, or a JSON List of them exactly as
// nlohmann prints the whole List with an indent of 2.
class DocumentText {
 public:
  explicit DocumentText(OutputFormat format) : m_format(format) {}
  void add(const nlohmann::ordered_json& document) {
    if (m_format == OutputFormat::yaml) {
      m_text += "---\n";
      write_yaml(document, m_text);
      return;
    }
    m_text += m_count == 0 ? "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": [\n" : ",\n";
    // An item sits two levels deep: every line of it indented by four more spaces. A JSON string
    // holds no raw newline, so lines are lines of the structure.
    const std::string item = k8s::to_json_text(document, 2);
    std::size_t at = 0;
    while (at < item.size()) {
      const std::size_t end = std::min(item.find('\n', at), item.size());
      m_text.append("    ").append(item, at, end - at);
      if (end < item.size()) m_text += '\n';
      at = end + 1;
    }
    ++m_count;
  }
  std::string finish() {
    if (m_format == OutputFormat::yaml) return std::move(m_text);
    if (m_count == 0) return "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": []\n}\n";
    return std::move(m_text) + "\n  ]\n}\n";
  }

 private:
  OutputFormat m_format;
  std::string m_text;
  std::size_t m_count = 0;
};

}  // namespace

std::string render_policies(const std::vector<NetworkPolicy>& policies, OutputFormat format) {
  DocumentText text(format);
  for (const auto& policy : policies) text.add(to_json(policy));
  return text.finish();
}

std::string render_recommendation(const PolicyModel& model, OutputKind kind, OutputFormat format) {
  DocumentText text(format);
  const kinds::DocumentSink add = [&](const nlohmann::ordered_json& document) { text.add(document); };
  switch (kind) {
    case OutputKind::cilium:
      kinds::cilium_documents(model, add);
      break;
    case OutputKind::eks:
      kinds::eks_documents(model, add);
      break;
    case OutputKind::clusternetworkpolicy:
      kinds::cluster_network_policy_documents(model, add);
      break;
    case OutputKind::networkpolicy:
      kinds::network_policy_documents(model, add);
      break;
  }
  return text.finish();
}

}  // namespace netobs
