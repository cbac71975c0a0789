#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "lint/render/formats.hpp"
#include "util/k8s_json.hpp"

namespace netobs::lint {
namespace {

const char* level(Severity severity) {
  return severity == Severity::error ? "error" : severity == Severity::warning ? "warning" : "note";
}

// SARIF artifact locations are URI references: relative paths, with '%' and spaces escaped.
std::string uri_of(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == '%') out += "%25";
    else if (c == ' ') out += "%20";
    else out += c;
  }
  return out;
}

}  // namespace

std::string render_sarif(const Report& report, const std::vector<const Rule*>& rules) {
  nlohmann::ordered_json driver;
  driver["name"] = "netobs";
  driver["version"] = "0.1.0";
  driver["rules"] = nlohmann::ordered_json::array();
  std::map<std::string, std::size_t> index;
  for (const Rule* rule : rules) {
    index[rule->id] = index.size();
    driver["rules"].push_back({{"id", rule->id},
                               {"name", rule->id},
                               {"shortDescription", {{"text", rule->summary}}},
                               {"help", {{"text", rule->remediation}}},
                               {"defaultConfiguration", {{"level", level(rule->severity)}}}});
  }
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const auto& d : report.diagnostics) {
    nlohmann::ordered_json result;
    result["ruleId"] = d.rule;
    if (auto it = index.find(d.rule); it != index.end()) result["ruleIndex"] = it->second;
    result["level"] = level(d.severity);
    result["message"] = {{"text", d.message}};
    if (!d.location.file.empty()) {
      nlohmann::ordered_json region;
      region["startLine"] = std::max<std::size_t>(d.location.line, 1);
      region["startColumn"] = std::max<std::size_t>(d.column, 1);
      result["locations"] = nlohmann::ordered_json::array(
          {{{"physicalLocation", {{"artifactLocation", {{"uri", uri_of(d.location.file)}}}, {"region", region}}}}});
    }
    results.push_back(std::move(result));
  }
  nlohmann::ordered_json sarif;
  sarif["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  sarif["version"] = "2.1.0";
  sarif["runs"] = nlohmann::ordered_json::array({{{"tool", {{"driver", driver}}}, {"results", results}}});
  return k8s::to_json_text(sarif, 2) + "\n";
}

}  // namespace netobs::lint
