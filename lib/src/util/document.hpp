// Structured documents (JSON, or YAML that may hold several documents) read into one JSON model,
// so everything that reads Kubernetes objects walks a single representation.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <netobs/error.hpp>

namespace netobs {

// Parses `text` as JSON when it starts with '{' or '[', else as (multi-document) YAML. Returns
// one value per document; the error message names `origin` and the line of the syntax error.
Result<std::vector<nlohmann::json>> parse_documents(const std::string& text,
                                                    const std::string& origin);

// Reads a whole file for parse_documents; an io error names the path.
Result<std::string> read_text_file(const std::string& path);

}  // namespace netobs
