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
    out["diagnostics"].push_back({{"rule", d.rule},
                                  {"severity", std::string(to_string(d.severity))},
                                  {"message", d.message},
                                  {"file", d.location.file},
                                  {"line", d.location.line},
                                  {"column", d.column}});
  }
  return k8s::to_json_text(out, 2) + "\n";
}

}  // namespace netobs::lint
