#include "document.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <simdjson.h>
#include <sys/stat.h>

#include <netobs/limits.hpp>
#include <netobs/option.hpp>
#include <netobs/state.hpp>

#include "util/yaml_composer.hpp"

namespace netobs {
namespace {

using nlohmann::json;

bool looks_like_json(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  return first != std::string::npos && (text[first] == '{' || text[first] == '[');
}

std::size_t line_of_offset(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

}  // namespace

Result<nlohmann::json> parse_json(std::string_view text, const std::string& origin, std::size_t first_line) {
  const InputLimits& limits = input_limits();
  // nlohmann's parser keeps its own stack, but printing and walking a value recurse: bound depth.
  bool too_deep = false;
  const json::parser_callback_t depth_check = [&](int depth, json::parse_event_t event, json&) {
    if ((event == json::parse_event_t::object_start || event == json::parse_event_t::array_start) &&
        static_cast<std::size_t>(depth) >= limits.max_depth) {
      too_deep = true;
      throw std::length_error("depth");
    }
    return true;
  };
  try {
    return json::parse(text, depth_check);
  } catch (const json::parse_error& e) {
    // nlohmann reports a byte offset; turn it into a line number for the user.
    return make_error(ErrorKind::invalid_input, SourceLocation{origin, first_line - 1 + line_of_offset(text, e.byte)},
                      fmt::format("invalid JSON: {}", e.what()));
  } catch (const std::length_error&) {
    if (!too_deep) throw;
    return tl::unexpected(limit_error(origin, first_line, "nested too deep", limits.max_depth, Option::max_depth));
  } catch (const json::exception& e) {
    // Well-formed but not representable, such as a number past the range of a double.
    return make_error(ErrorKind::invalid_input, SourceLocation{origin}, fmt::format("invalid JSON: {}", e.what()));
  }
}

SourceLocation LocatedDocument::location(const std::string& pointer) const {
  std::string p = pointer;
  for (;;) {
    if (auto it = marks.find(p); it != marks.end()) return SourceLocation{origin, it->second.first};
    if (p.empty()) return SourceLocation{origin, line};
    p = p.substr(0, p.rfind('/'));
  }
}

std::size_t LocatedDocument::column(const std::string& pointer) const {
  std::string p = pointer;
  for (;;) {
    if (auto it = marks.find(p); it != marks.end()) return it->second.second;
    if (p.empty()) return 1;
    p = p.substr(0, p.rfind('/'));
  }
}

Result<std::vector<LocatedDocument>> parse_located_documents(const std::string& text, const std::string& origin) {
  auto documents = compose_yaml(text, origin, true);
  if (documents || documents.error().kind == ErrorKind::limit || !looks_like_json(text)) return documents;
  // JSON that YAML cannot read (tabs, for one) still parses, with document positions only.
  auto value = parse_json(text, origin);
  if (!value) return tl::unexpected(value.error().kind == ErrorKind::limit ? value.error() : documents.error());
  std::vector<LocatedDocument> plain(1);
  plain[0].origin = origin;
  plain[0].line = 1;
  plain[0].value = std::move(*value);
  return plain;
}

std::optional<JsonListItems> split_json_list(const std::string& text) {
  namespace od = simdjson::ondemand;
  // On-demand reads past the end: in place when the text has the room (read_text_file leaves
  // it), else from a copy, which is still far less than the text's tree.
  std::string copy;
  const bool in_place = text.capacity() >= text.size() + simdjson::SIMDJSON_PADDING;
  if (!in_place) {
    copy.reserve(text.size() + simdjson::SIMDJSON_PADDING);
    copy = text;
  }
  const std::string& padded = in_place ? text : copy;
  od::parser parser(input_limits().max_file_bytes);
  JsonListItems list;
  bool has_items = false;
  try {
    od::document doc = parser.iterate(simdjson::padded_string_view(padded.data(), padded.size(), padded.capacity()));
    // Only whitespace may follow the value (on-demand stops reading at its end).
    const std::string_view value = doc.raw_json();
    const std::size_t value_end = static_cast<std::size_t>(value.data() - padded.data()) + value.size();
    if (padded.find_first_not_of(" \t\r\n", value_end) != std::string::npos) return std::nullopt;
    doc.rewind();
    for (auto member : doc.get_object()) {
      const std::string_view key = member.unescaped_key();
      if (key == "kind") {
        list.kind = std::string(std::string_view(member.value().get_string()));
      } else if (key == "items") {
        has_items = true;
        for (auto item : member.value().get_array()) {
          od::object object = item.get_object();
          std::string_view raw = object.raw_json();  // with the whitespace after it
          raw = raw.substr(0, raw.find_last_not_of(" \t\r\n") + 1);
          const auto offset = static_cast<std::size_t>(raw.data() - padded.data());
          list.items.push_back({std::string_view(text).substr(offset, raw.size()), 0});
        }
      }  // other members are skipped by moving on
    }
  } catch (const simdjson::simdjson_error&) {
    return std::nullopt;
  }
  if (!has_items) return std::nullopt;
  // Line numbers in one pass over the text, for the messages of items that fail to parse.
  std::size_t line = 1;
  const char* counted = text.data();
  for (auto& item : list.items) {
    line += static_cast<std::size_t>(std::count(counted, item.text.data(), '\n'));
    counted = item.text.data();
    item.line = line;
  }
  return list;
}

Result<std::vector<nlohmann::json>> parse_documents(const std::string& text, const std::string& origin) {
  std::vector<nlohmann::json> values;
  if (looks_like_json(text)) {
    auto value = parse_json(text, origin);
    if (!value) return tl::unexpected(value.error());
    values.push_back(std::move(*value));
    return values;
  }
  auto documents = compose_yaml(text, origin, false);
  if (!documents) return tl::unexpected(documents.error());
  for (auto& doc : *documents) values.push_back(std::move(doc.value));
  return values;
}

namespace {

// Standard input can be read once, and a command may read the same input twice (an inventory is
// both pods for the state and addresses for the flows): what was read is kept here.
struct KeptStdin {
  std::mutex mutex;
  std::optional<Result<std::string>> text;
};

KeptStdin& kept_stdin() {
  static KeptStdin kept;
  return kept;
}

// Reads the file at `path`, named `name` in errors.
Result<std::string> read_whole_file(const std::string& path, const std::string& name);

}  // namespace

std::string input_name(const std::string& path) { return path == k_stdin_path ? std::string(k_stdin_origin) : path; }

bool FilesRead::first(const std::string& path, std::vector<std::string>& notes) {
  struct stat info {};
  if (path == k_stdin_path || ::stat(path.c_str(), &info) != 0) return true;
  if (m_seen.insert({info.st_dev, info.st_ino}).second) return true;
  notes.push_back(fmt::format("{}: given more than once: read once", path));
  return false;
}

std::string input_names(const std::vector<std::string>& paths) {
  std::string out;
  for (const auto& path : paths) out += (out.empty() ? "" : ", ") + input_name(path);
  return out;
}

Result<std::string> read_text_file(const std::string& path) {
  if (path != k_stdin_path) return read_whole_file(path, path);
  KeptStdin& kept = kept_stdin();
  const std::lock_guard lock(kept.mutex);
  if (!kept.text) kept.text = read_whole_file("/dev/stdin", std::string(k_stdin_origin));
  return *kept.text;
}

std::optional<std::string> kept_stdin_text() {
  KeptStdin& kept = kept_stdin();
  const std::lock_guard lock(kept.mutex);
  if (!kept.text || !*kept.text) return std::nullopt;
  return **kept.text;
}

namespace {

Result<std::string> read_whole_file(const std::string& path, const std::string& name) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return cannot_read(name, errno);
  const std::uint64_t limit = input_limits().max_file_bytes;
  struct stat info {};
  const bool found = ::stat(path.c_str(), &info) == 0;
  // A directory opens, and fails only at the first read.
  if (found && S_ISDIR(info.st_mode)) return cannot_read(name, EISDIR);
  const bool regular = found && S_ISREG(info.st_mode);
  if (regular && static_cast<std::uint64_t>(info.st_size) > limit) {
    return make_error(ErrorKind::limit, fmt::format("{}: file larger than {} bytes (raise it with {})", name, limit,
                                                    spell(Option::max_file_bytes)));
  }
  // Read in blocks with a running bound: a FIFO or /dev/stdin has no size to check up front. A
  // file's size is known: read it into place without growing the text.
  std::string text;
  // The padding lets simdjson read the text in place (split_json_list).
  if (regular) text.reserve(static_cast<std::size_t>(info.st_size) + simdjson::SIMDJSON_PADDING);
  std::size_t block = 1 << 16;
  while (in) {
    const std::size_t at = text.size();
    text.resize(std::max(at + block, text.capacity()));
    in.read(text.data() + at, static_cast<std::streamsize>(text.size() - at));
    text.resize(at + static_cast<std::size_t>(in.gcount()));
    block = std::min<std::size_t>(block * 2, 16 << 20);
    if (text.size() > limit) {
      return make_error(ErrorKind::limit, fmt::format("{}: more than {} bytes (raise it with {})", name, limit,
                                                      spell(Option::max_file_bytes)));
    }
  }
  if (in.bad()) return cannot_read(name, errno);
  return text;
}

}  // namespace

}  // namespace netobs
