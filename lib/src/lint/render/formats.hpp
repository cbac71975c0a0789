// One renderer per lint output format, selected in lint::render.
#pragma once

#include <string>

#include <netobs/lint.hpp>

namespace netobs::lint {

// Where a finding is, for a reader: "file:line:col", or for an object in no file (the cluster's)
// "origin: Kind namespace/name field".
std::string place(const Diagnostic& d);

std::string render_text(const Report& report);  // place: severity: message [rule]
std::string render_json(const Report& report);
std::string render_sarif(const Report& report, const std::vector<const Rule*>& rules);  // SARIF 2.1.0
std::string render_github(const Report& report);  // GitHub Actions workflow commands

}  // namespace netobs::lint
