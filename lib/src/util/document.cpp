#include "document.hpp"

#include <cerrno>
#include <cstring>
#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

namespace netobs {
namespace {

nlohmann::json scalar_to_json(const YAML::Node& node) {
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") {  // quoted in the source: always a string
    return text;
  }
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  long long integer = 0;
  if (YAML::convert<long long>::decode(node, integer) &&
      text.find_first_not_of("+-0123456789") == std::string::npos) {
    return integer;
  }
  double real = 0;
  if (text.find_first_of("0123456789") != std::string::npos &&
      text.find_first_not_of("+-0123456789.eE") == std::string::npos &&
      YAML::convert<double>::decode(node, real)) {
    return real;
  }
  return text;
}

nlohmann::json yaml_to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Scalar:
      return scalar_to_json(node);
    case YAML::NodeType::Sequence: {
      nlohmann::json array = nlohmann::json::array();
      for (const auto& item : node) array.push_back(yaml_to_json(item));
      return array;
    }
    case YAML::NodeType::Map: {
      nlohmann::json object = nlohmann::json::object();
      for (const auto& item : node) object[item.first.as<std::string>()] = yaml_to_json(item.second);
      return object;
    }
  }
  return nullptr;
}

// The JSON pointer escape of one key (RFC 6901).
std::string escape_pointer(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

nlohmann::json located_yaml_to_json(const YAML::Node& node, const std::string& pointer, LocatedDocument& doc) {
  doc.marks[pointer] = {static_cast<std::size_t>(node.Mark().line) + 1, static_cast<std::size_t>(node.Mark().column) + 1};
  switch (node.Type()) {
    case YAML::NodeType::Sequence: {
      nlohmann::json array = nlohmann::json::array();
      std::size_t i = 0;
      for (const auto& item : node) array.push_back(located_yaml_to_json(item, pointer + "/" + std::to_string(i++), doc));
      return array;
    }
    case YAML::NodeType::Map: {
      nlohmann::json object = nlohmann::json::object();
      for (const auto& item : node) {
        const std::string key = item.first.as<std::string>();
        object[key] = located_yaml_to_json(item.second, pointer + "/" + escape_pointer(key), doc);
        // A null value has no position of its own; point at its key.
        if (item.second.IsNull()) {
          doc.marks[pointer + "/" + escape_pointer(key)] = {static_cast<std::size_t>(item.first.Mark().line) + 1,
                                                            static_cast<std::size_t>(item.first.Mark().column) + 1};
        }
      }
      return object;
    }
    default:
      return yaml_to_json(node);
  }
}

// yaml-cpp reports its nesting limit as "bad file"; say what happened.
std::string yaml_message(const YAML::Exception& e) {
  if (dynamic_cast<const YAML::DeepRecursion*>(&e)) return "nested deeper than yaml-cpp's limit of 2000 levels";
  return e.msg;
}

}  // namespace

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
  std::vector<LocatedDocument> documents;
  try {
    for (const YAML::Node& node : YAML::LoadAll(text)) {
      if (node.IsNull()) continue;
      LocatedDocument doc;
      doc.origin = origin;
      doc.line = static_cast<std::size_t>(node.Mark().line) + 1;
      doc.value = located_yaml_to_json(node, "", doc);
      documents.push_back(std::move(doc));
    }
    return documents;
  } catch (const YAML::Exception& e) {
    // JSON that YAML cannot read (tabs, for one) still parses, with document positions only.
    auto plain = parse_documents(text, origin);
    if (!plain || text.find_first_not_of(" \t\r\n") == std::string::npos ||
        (text[text.find_first_not_of(" \t\r\n")] != '{' && text[text.find_first_not_of(" \t\r\n")] != '[')) {
      return make_error(ErrorKind::invalid_input,
                        fmt::format("{}:{}: invalid YAML: {}", origin, e.mark.line + 1, yaml_message(e)));
    }
    for (auto& value : *plain) {
      LocatedDocument doc;
      doc.origin = origin;
      doc.line = 1;
      doc.value = std::move(value);
      documents.push_back(std::move(doc));
    }
    return documents;
  }
}

Result<std::vector<nlohmann::json>> parse_documents(const std::string& text,
                                                    const std::string& origin) {
  std::vector<nlohmann::json> documents;
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && (text[first] == '{' || text[first] == '[')) {
    try {
      documents.push_back(nlohmann::json::parse(text));
      return documents;
    } catch (const nlohmann::json::parse_error& e) {
      // nlohmann reports a byte offset; turn it into a line number for the user.
      const std::size_t offset = std::min<std::size_t>(e.byte, text.size());
      const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n');
      return make_error(ErrorKind::invalid_input,
                        fmt::format("{}:{}: invalid JSON: {}", origin, line, e.what()));
    }
  }
  try {
    for (const YAML::Node& doc : YAML::LoadAll(text)) {
      if (!doc.IsNull()) documents.push_back(yaml_to_json(doc));
    }
  } catch (const YAML::Exception& e) {
    return make_error(ErrorKind::invalid_input,
                      fmt::format("{}:{}: invalid YAML: {}", origin, e.mark.line + 1, yaml_message(e)));
  }
  return documents;
}

Result<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error(ErrorKind::io, fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    return make_error(ErrorKind::io, fmt::format("{}: read failed", path));
  }
  return buffer.str();
}

}  // namespace netobs
