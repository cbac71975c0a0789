#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include <netobs/option.hpp>

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
    if (c == '%')
      out += "%25";
    else if (c == ' ')
      out += "%20";
    else
      out += c;
  }
  return out;
}

// The object (kind "resource": a Kubernetes object is no construct of a programming language)
// and, when the rule knows it, the field in it (kind "property").
nlohmann::ordered_json logical_locations(const Diagnostic& d) {
  const std::string object = to_string(d.object);
  nlohmann::ordered_json locations =
      nlohmann::ordered_json::array({{{"name", d.object.name}, {"fullyQualifiedName", object}, {"kind", "resource"}}});
  if (!d.field.empty()) {
    locations.push_back({{"name", d.field}, {"fullyQualifiedName", object + " " + d.field}, {"kind", "property"}});
  }
  return locations;
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
                               {"shortDescription", {{"text", spell_options(rule->summary)}}},
                               {"help", {{"text", spell_options(rule->remediation)}}},
                               {"defaultConfiguration", {{"level", level(rule->severity)}}}});
  }
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const auto& d : report.diagnostics) {
    nlohmann::ordered_json result;
    result["ruleId"] = d.rule;
    if (auto it = index.find(d.rule); it != index.end()) result["ruleIndex"] = it->second;
    result["level"] = level(d.severity);
    result["message"] = {{"text", d.message}};
    nlohmann::ordered_json location;
    // An object the API server listed is in no artifact: a URI made of the cluster's name would
    // send code scanning to a file that does not exist. Its logical location names it.
    if (d.in_file && !d.location.file.empty()) {
      nlohmann::ordered_json region;
      region["startLine"] = std::max<std::size_t>(d.location.line, 1);
      region["startColumn"] = std::max<std::size_t>(d.column, 1);
      location["physicalLocation"] = {{"artifactLocation", {{"uri", uri_of(d.location.file)}}}, {"region", region}};
    }
    if (!d.object.empty()) location["logicalLocations"] = logical_locations(d);
    if (!location.empty()) result["locations"] = nlohmann::ordered_json::array({location});
    results.push_back(std::move(result));
  }
  nlohmann::ordered_json sarif;
  sarif["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  sarif["version"] = "2.1.0";
  // Columns count code points; SARIF's default (UTF-16 code units) would misplace text after an emoji.
  sarif["runs"] = nlohmann::ordered_json::array(
      {{{"tool", {{"driver", driver}}}, {"columnKind", "unicodeCodePoints"}, {"results", results}}});
  return k8s::to_json_text(sarif, 2) + "\n";
}

}  // namespace netobs::lint
