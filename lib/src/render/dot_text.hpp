// Graphviz DOT text shared by the connectivity and graph renderers.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "util/k8s_json.hpp"

namespace netobs {

// A DOT string literal: the JSON escape of a string is a valid one.
inline std::string dot_quoted(const std::string& text) { return k8s::to_json_text(nlohmann::json(text)); }

}  // namespace netobs
