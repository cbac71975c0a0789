// Structured documents (JSON, or YAML that may hold several documents) read into one JSON model,
// so everything that reads Kubernetes objects walks a single representation.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <netobs/error.hpp>

namespace netobs {

// Parses `text` as JSON when it starts with '{' or '[', else as (multi-document) YAML. Returns
// one value per document; the error message names `origin` and the line of the syntax error.
Result<std::vector<nlohmann::json>> parse_documents(const std::string& text,
                                                    const std::string& origin);

// Parses one JSON value, bounded in depth by the input limits; errors name `origin` and the line.
Result<nlohmann::json> parse_json(const std::string& text, const std::string& origin);

// One document with the source position of every value, for messages that point at a field.
struct LocatedDocument {
  nlohmann::json value;
  std::string origin;
  std::size_t line = 0;  // where the document starts, 1-based
  std::map<std::string, std::pair<std::size_t, std::size_t>> marks;  // JSON pointer -> (line, column), 1-based

  // The position of `pointer`, or of its nearest ancestor that has one.
  SourceLocation location(const std::string& pointer) const;
  std::size_t column(const std::string& pointer) const;
};

// Parses `text` (YAML, possibly multi-document, or JSON) keeping positions.
Result<std::vector<LocatedDocument>> parse_located_documents(const std::string& text, const std::string& origin);

// Reads a whole file for parse_documents; an io error names the path, and a file larger than
// the input limit is a limit error.
Result<std::string> read_text_file(const std::string& path);

}  // namespace netobs
