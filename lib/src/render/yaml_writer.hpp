// Block-style YAML from the JSON model, in the layout kubectl uses, quoting every string that
// a YAML 1.1 or 1.2 reader could take for something else.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace netobs {

// Appends `value` (an object) as one YAML document body to `out`.
void write_yaml(const nlohmann::ordered_json& value, std::string& out);

// `text` as a YAML scalar: plain when that reads back as the same string, else double-quoted.
std::string yaml_scalar(const std::string& text);

}  // namespace netobs
