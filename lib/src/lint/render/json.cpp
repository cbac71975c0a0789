#include <nlohmann/json.hpp>

#include "lint/render/formats.hpp"
#include "util/k8s_json.hpp"

namespace netobs::lint {

std::string render_json(const Report& report) {
  nlohmann::ordered_json out;
  out["policies"] = report.policies;
  out["errors"] = report.count(Severity::error);
  out["warnings"] = report.count(Severity::warning);
  out["infos"] = report.count(Severity::info);
  out["diagnostics"] = nlohmann::ordered_json::array();
  for (const auto& d : report.diagnostics) {
    nlohmann::ordered_json entry = {
        {"rule", d.rule}, {"severity", std::string(to_string(d.severity))}, {"message", d.message}};
    if (d.in_file) {
      entry["file"] = d.location.file;
      entry["line"] = d.location.line;
      entry["column"] = d.column;
    } else {
      entry["origin"] = d.location.file;  // the cluster: no file, line or column to give
    }
    if (!d.object.empty()) {
      entry["object"] = {{"kind", d.object.kind}, {"namespace", d.object.namespace_name}, {"name", d.object.name}};
      if (!d.field.empty()) entry["field"] = d.field;
    }
    out["diagnostics"].push_back(std::move(entry));
  }
  return k8s::to_json_text(out, 2) + "\n";
}

}  // namespace netobs::lint
