#include "util/yaml_composer.hpp"

#include <charconv>
#include <cstring>
#include <map>
#include <set>

#include <fmt/format.h>
#include <yaml.h>

#include <netobs/limits.hpp>

namespace netobs {
namespace {

using nlohmann::json;

bool is_integer_text(const std::string& text) {
  const std::size_t start = (!text.empty() && (text[0] == '+' || text[0] == '-')) ? 1 : 0;
  return start < text.size() && text.find_first_not_of("0123456789", start) == std::string::npos;
}

// A plain (unquoted) scalar as the YAML core schema reads it; quoted and block scalars are
// always strings.
json plain_scalar(const std::string& text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") return nullptr;
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  if (is_integer_text(text)) {
    const char* begin = text.data() + (text[0] == '+' ? 1 : 0);
    long long integer = 0;
    if (auto [end, ec] = std::from_chars(begin, text.data() + text.size(), integer);
        ec == std::errc() && end == text.data() + text.size()) {
      return integer;
    }
    return text;  // out of range: keep the digits
  }
  if (text.find_first_of("0123456789") != std::string::npos &&
      text.find_first_not_of("+-0123456789.eE") == std::string::npos) {
    const char* begin = text.data() + (text[0] == '+' ? 1 : 0);
    double real = 0;
    if (auto [end, ec] = std::from_chars(begin, text.data() + text.size(), real);
        ec == std::errc() && end == text.data() + text.size()) {
      return real;
    }
  }
  return text;
}

// The JSON pointer escape of one key (RFC 6901).
std::string escape_pointer(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string as_key(const json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

// libyaml's event parser, owned.
class EventParser {
 public:
  explicit EventParser(const std::string& text) {
    yaml_parser_initialize(&m_parser);
    yaml_parser_set_input_string(&m_parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~EventParser() {
    if (m_has_event) yaml_event_delete(&m_event);
    yaml_parser_delete(&m_parser);
  }
  EventParser(const EventParser&) = delete;
  EventParser& operator=(const EventParser&) = delete;

  // The next event, or nullptr on a syntax error (then error() says what).
  const yaml_event_t* next() {
    if (m_has_event) yaml_event_delete(&m_event);
    m_has_event = yaml_parser_parse(&m_parser, &m_event) != 0;
    return m_has_event ? &m_event : nullptr;
  }
  std::pair<std::size_t, std::string> error() const {
    std::string message = m_parser.problem != nullptr ? m_parser.problem : "syntax error";
    if (m_parser.context != nullptr) message = fmt::format("{} {}", message, m_parser.context);
    return {m_parser.problem_mark.line + 1, message};
  }

 private:
  yaml_parser_t m_parser{};
  yaml_event_t m_event{};
  bool m_has_event = false;
};

// Builds JSON values from libyaml's events with an explicit stack, so depth, size and alias
// expansion are counted as they happen instead of trusting the input.
class Composer {
 public:
  Composer(std::string origin, bool keep_marks) : m_origin(std::move(origin)), m_keep_marks(keep_marks) {}

  Result<std::vector<LocatedDocument>> run(const std::string& text) {
    EventParser parser(text);
    const InputLimits& limits = input_limits();
    std::size_t document_count = 0;
    for (;;) {
      const yaml_event_t* event = parser.next();
      if (event == nullptr) {
        auto [line, message] = parser.error();
        return make_error(ErrorKind::invalid_input, SourceLocation{m_origin, line},
                          fmt::format("invalid YAML: {}", message));
      }
      const std::size_t line = event->start_mark.line + 1;
      const std::size_t column = event->start_mark.column + 1;
      switch (event->type) {
        case YAML_STREAM_END_EVENT:
          return std::move(m_documents);
        case YAML_DOCUMENT_START_EVENT:
          if (++document_count > limits.max_documents) {
            return tl::unexpected(limit_error(m_origin, line, "too many YAML documents in one file",
                                              limits.max_documents, Option::max_documents));
          }
          start_document(line);
          break;
        case YAML_DOCUMENT_END_EVENT:
          end_document();
          break;
        case YAML_SCALAR_EVENT: {
          std::string value(reinterpret_cast<const char*>(event->data.scalar.value), event->data.scalar.length);
          const bool plain = event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !explicit_string(event);
          if (auto ok = add_leaf(plain ? plain_scalar(value) : json(value), value,
                                 anchor_of(reinterpret_cast<const char*>(event->data.scalar.anchor)), 1, line, column);
              !ok) {
            return tl::unexpected(ok.error());
          }
          break;
        }
        case YAML_ALIAS_EVENT: {
          if (auto ok = add_alias(reinterpret_cast<const char*>(event->data.alias.anchor), line, column); !ok) {
            return tl::unexpected(ok.error());
          }
          break;
        }
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: {
          const bool mapping = event->type == YAML_MAPPING_START_EVENT;
          const char* anchor = reinterpret_cast<const char*>(mapping ? event->data.mapping_start.anchor
                                                                     : event->data.sequence_start.anchor);
          if (auto ok = open(mapping ? json::object() : json::array(), anchor_of(anchor), line, column); !ok) {
            return tl::unexpected(ok.error());
          }
          break;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          close();
          break;
        default:
          break;
      }
    }
  }

 private:
  struct Frame {
    json* value = nullptr;
    std::string pointer;
    std::string anchor;
    std::size_t nodes_before = 0;  // the document's node count when this node opened
    bool has_key = false;          // a mapping between its key and value
    std::string key;
    std::pair<std::size_t, std::size_t> key_mark;
  };
  struct Anchor {
    json value;
    std::size_t nodes = 0;
  };

  static std::string anchor_of(const char* anchor) { return anchor != nullptr ? anchor : ""; }
  static bool explicit_string(const yaml_event_t* event) {
    const char* tag = reinterpret_cast<const char*>(event->data.scalar.tag);
    return tag != nullptr && std::strcmp(tag, YAML_STR_TAG) == 0;
  }

  void start_document(std::size_t line) {
    m_current = LocatedDocument{};
    m_current.origin = m_origin;
    m_current.line = line;
    m_root_set = false;
    m_nodes = 0;
    m_alias_nodes = 0;
    m_anchors.clear();
  }

  void end_document() {
    if (m_root_set && !m_current.value.is_null()) m_documents.push_back(std::move(m_current));
  }

  // Counts `nodes` more values in the document and checks the limits.
  Result<void> count(std::size_t nodes, bool from_alias, std::size_t line) {
    const InputLimits& limits = input_limits();
    m_nodes += nodes;
    if (m_nodes > limits.max_nodes) {
      return tl::unexpected(
          limit_error(m_origin, line, "too many values in one document", limits.max_nodes, Option::max_nodes));
    }
    if (from_alias) {
      m_alias_nodes += nodes;
      if (m_alias_nodes > limits.max_alias_nodes) {
        return tl::unexpected(limit_error(m_origin, line, "YAML aliases expand to too many values",
                                          limits.max_alias_nodes, Option::max_alias_nodes));
      }
    }
    return {};
  }

  // Where a new value goes: the document root, the next item of a sequence, or the value of the
  // pending key of a mapping. Sets `pointer`; returns nullptr when the value is a mapping's key.
  json* slot(std::string& pointer, std::size_t line, std::size_t column, bool& is_key) {
    is_key = false;
    if (m_stack.empty()) {
      m_root_set = true;
      pointer.clear();
      return &m_current.value;
    }
    Frame& parent = m_stack.back();
    if (parent.value->is_array()) {
      pointer = parent.pointer + "/" + std::to_string(parent.value->size());
      parent.value->push_back(nullptr);
      return &parent.value->back();
    }
    if (!parent.has_key) {
      is_key = true;
      parent.key_mark = {line, column};
      return nullptr;
    }
    parent.has_key = false;
    pointer = parent.pointer + "/" + escape_pointer(parent.key);
    return &(*parent.value)[parent.key];
  }

  void mark(const std::string& pointer, std::size_t line, std::size_t column) {
    if (m_keep_marks) m_current.marks[pointer] = {line, column};
  }

  Result<void> add_leaf(json value, const std::string& key_text, const std::string& anchor, std::size_t nodes,
                        std::size_t line, std::size_t column, bool from_alias = false) {
    if (auto ok = count(nodes, from_alias, line); !ok) return ok;
    if (!anchor.empty()) m_anchors[anchor] = Anchor{value, nodes};
    std::string pointer;
    bool is_key = false;
    json* target = slot(pointer, line, column, is_key);
    if (is_key) {
      if (value.is_object() || value.is_array()) return complex_key(line);
      m_stack.back().key = value.is_string() ? value.get<std::string>() : key_text;
      m_stack.back().has_key = true;
      return {};
    }
    // A null value has no position of its own; point at its key.
    const bool null_in_mapping = value.is_null() && !m_stack.empty() && m_stack.back().value->is_object();
    mark(pointer, null_in_mapping ? m_stack.back().key_mark.first : line,
         null_in_mapping ? m_stack.back().key_mark.second : column);
    *target = std::move(value);
    return {};
  }

  Result<void> add_alias(const std::string& name, std::size_t line, std::size_t column) {
    if (m_open_anchors.contains(name)) {
      return make_error(ErrorKind::invalid_input, SourceLocation{m_origin, line},
                        fmt::format("invalid YAML: alias *{} refers to a node that contains it", name));
    }
    auto it = m_anchors.find(name);
    if (it == m_anchors.end()) {
      return make_error(ErrorKind::invalid_input, SourceLocation{m_origin, line},
                        fmt::format("invalid YAML: undefined alias *{}", name));
    }
    // Count before copying, so a billion laughs stops before it is built.
    const Anchor& anchor = it->second;
    if (auto ok = count(anchor.nodes, true, line); !ok) return ok;
    return add_leaf(anchor.value, as_key(anchor.value), "", 0, line, column);
  }

  Result<void> open(json container, const std::string& anchor, std::size_t line, std::size_t column) {
    const InputLimits& limits = input_limits();
    if (m_stack.size() >= limits.max_depth) {
      return tl::unexpected(limit_error(m_origin, line, "nested too deep", limits.max_depth, Option::max_depth));
    }
    if (auto ok = count(1, false, line); !ok) return ok;
    std::string pointer;
    bool is_key = false;
    json* target = slot(pointer, line, column, is_key);
    if (is_key) return complex_key(line);
    mark(pointer, line, column);
    *target = std::move(container);
    m_stack.push_back(Frame{target, pointer, anchor, m_nodes - 1, false, {}, {}});
    if (!anchor.empty()) m_open_anchors.insert(anchor);
    return {};
  }

  void close() {
    Frame frame = std::move(m_stack.back());
    m_stack.pop_back();
    if (!frame.anchor.empty()) {
      m_open_anchors.erase(m_open_anchors.find(frame.anchor));
      m_anchors[frame.anchor] = Anchor{*frame.value, m_nodes - frame.nodes_before};
    }
  }

  Result<void> complex_key(std::size_t line) const {
    return make_error(ErrorKind::invalid_input, SourceLocation{m_origin, line},
                      "invalid YAML: a mapping key that is itself a mapping or sequence");
  }

  std::string m_origin;
  bool m_keep_marks;
  std::vector<LocatedDocument> m_documents;
  LocatedDocument m_current;
  bool m_root_set = false;
  std::vector<Frame> m_stack;
  std::map<std::string, Anchor> m_anchors;
  std::multiset<std::string> m_open_anchors;  // a name may be reused inside its own node
  std::size_t m_nodes = 0;
  std::size_t m_alias_nodes = 0;
};

}  // namespace

Error limit_error(const std::string& origin, std::size_t line, const std::string& what, std::size_t limit,
                  Option option) {
  return Error{ErrorKind::limit, fmt::format("{} (limit {}; raise it with {})", what, limit, spell(option)),
               SourceLocation{origin, line}};
}

Result<std::vector<LocatedDocument>> compose_yaml(const std::string& text, const std::string& origin, bool keep_marks) {
  return Composer(origin, keep_marks).run(text);
}

}  // namespace netobs
