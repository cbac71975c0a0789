// Structured documents (JSON, or YAML that may hold several documents) read into one JSON model,
// so everything that reads Kubernetes objects walks a single representation.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <netobs/error.hpp>

namespace netobs {

// Parses `text` as JSON when it starts with '{' or '[', else as (multi-document) YAML. Returns
// one value per document; the error message names `origin` and the line of the syntax error.
Result<std::vector<nlohmann::json>> parse_documents(const std::string& text, const std::string& origin);

// Parses one JSON value, bounded in depth by the input limits; errors name `origin` and the line
// (counted from `first_line`, for a value cut from a larger text).
Result<nlohmann::json> parse_json(std::string_view text, const std::string& origin, std::size_t first_line = 1);

// The parts of a JSON List (`{"kind": ..., "items": [...]}`), found without building the whole
// document, so a large one (an inventory of thousands of pods) is parsed an item at a time and
// its memory is one item's, not the whole tree's.
struct JsonListItems {
  std::string kind;
  struct Item {
    std::string_view text;  // into the text given to split_json_list
    std::size_t line = 1;   // where it starts
  };
  std::vector<Item> items;
};

// Splits `text` into its List parts with simdjson's on-demand parser; nullopt when `text` is not
// an object whose `items` is an array, or is not well-formed as far as the split sees it: the
// caller then parses it whole, which names the line of the error.
std::optional<JsonListItems> split_json_list(const std::string& text);

// One document with the source position of every value, for messages that point at a field.
struct LocatedDocument {
  nlohmann::json value;
  std::string origin;
  std::size_t line = 0;                                              // where the document starts, 1-based
  std::map<std::string, std::pair<std::size_t, std::size_t>> marks;  // JSON pointer -> (line, column), 1-based

  // The position of `pointer`, or of its nearest ancestor that has one.
  SourceLocation location(const std::string& pointer) const;
  std::size_t column(const std::string& pointer) const;
};

// Parses `text` (YAML, possibly multi-document, or JSON) keeping positions.
Result<std::vector<LocatedDocument>> parse_located_documents(const std::string& text, const std::string& origin);

// The path that names standard input wherever netobs reads files.
inline constexpr std::string_view k_stdin_path = "-";
// How messages and locations name it, as flow sources do.
inline constexpr std::string_view k_stdin_origin = "<stdin>";

// How messages and locations name the input at `path`: k_stdin_origin for standard input, else
// the path itself.
std::string input_name(const std::string& path);

// The files read so far in one run, by device and inode: a file named twice (`a.log a.log`, or
// `dir dir/a.log`) is read once, or its flows would count twice and its policies duplicate
// themselves. Flows and manifests keep one each.
class FilesRead {
 public:
  // True the first time `path` is seen (and for a path that cannot be stat'ed, which its reader
  // reports); otherwise false, with a note for the user in `notes`.
  bool first(const std::string& path, std::vector<std::string>& notes);

 private:
  std::set<std::pair<unsigned long long, unsigned long long>> m_seen;
};

// Reads a whole file for parse_documents ("-": standard input, read once and kept, so a command
// may read it twice); an io error names the path (standard input as k_stdin_origin), and a file
// larger than the input limit is a limit error.
Result<std::string> read_text_file(const std::string& path);

// What read_text_file kept of standard input, when it has read it: a later reader of "-" (a
// stream of records) gets these bytes, which the pipe no longer holds.
std::optional<std::string> kept_stdin_text();

}  // namespace netobs
