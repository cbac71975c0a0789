#include "source_content.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace netobs {
namespace {

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// Text files have no NUL and few control characters; a PNG, a tarball or a Parquet file has both.
bool is_binary(std::string_view head) {
  if (head.find('\0') != std::string_view::npos) return true;
  const auto controls = std::count_if(head.begin(), head.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 && byte != '\n' && byte != '\r' && byte != '\t' && byte != 0x1b;
  });
  return controls * 10 > static_cast<std::ptrdiff_t>(head.size());
}

// The top-level keys of a YAML document at its start: lines at column 0 of the form `key:`.
bool yaml_has_top_level_key(std::string_view head, std::string_view key) {
  for (std::size_t start = 0; start < head.size();) {
    const std::size_t end = std::min(head.find('\n', start), head.size());
    const std::string_view line = head.substr(start, end - start);
    if (line.starts_with(key) && line.substr(key.size()).starts_with(":")) return true;
    start = end + 1;
  }
  return false;
}

// The first line of a YAML stream that is neither blank, a comment nor a document marker.
std::string_view first_yaml_line(std::string_view head) {
  for (std::size_t start = 0; start < head.size();) {
    const std::size_t end = std::min(head.find('\n', start), head.size());
    const std::string_view line = head.substr(start, end - start);
    const std::string_view content = trimmed(line);
    if (!content.empty() && !content.starts_with('#') && content != "---") return line;
    start = end + 1;
  }
  return {};
}

SourceContent classify_yaml(std::string_view head) {
  const std::string_view first = first_yaml_line(head);
  if (!first.starts_with("apiVersion:") && !first.starts_with("kind:")) return {};
  // `kubectl get -o yaml` writes `items:` right after `apiVersion:`; `kind: List` comes last.
  if (yaml_has_top_level_key(head, "items")) return {ContentKind::kubernetes_list, "a Kubernetes List"};
  return {ContentKind::not_flows, "a Kubernetes manifest (YAML)"};
}

// JSON that is not one flow per line: kubectl's pretty-printed objects and Lists, `jq .` output.
SourceContent classify_json(std::string_view head) {
  const auto brace = head.find_first_not_of(" \t\r\n");
  if (brace == std::string_view::npos || head[brace] != '{') return {};
  const std::string_view first_line = trimmed(head.substr(brace, head.find('\n', brace) - brace));
  const auto key = head.find_first_not_of(" \t\r\n", brace + 1);
  const bool kubernetes = key != std::string_view::npos &&
                          (head.substr(key).starts_with("\"apiVersion\"") || head.substr(key).starts_with("\"kind\""));
  if (kubernetes) {
    if (head.find("\"items\"") != std::string_view::npos) return {ContentKind::kubernetes_list, "a Kubernetes List"};
    return {ContentKind::not_flows, "a Kubernetes manifest (JSON)"};
  }
  if (first_line == "{") {
    return {ContentKind::not_flows,
            "a JSON document over several lines (flow records are one JSON object per line: jq -c makes them)"};
  }
  return {};
}

bool has_markdown_name(std::string_view name) {
  for (std::string_view extension : {".md", ".markdown"}) {
    if (name.size() > extension.size() &&
        std::equal(extension.rbegin(), extension.rend(), name.rbegin(),
                   [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); })) {
      return true;
    }
  }
  return false;
}

// A heading (`# Title`, `## Notes`) or a code fence on the first line with content.
bool reads_as_markdown(std::string_view head) {
  const auto first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return false;
  const std::string_view line = trimmed(head.substr(first, head.find('\n', first) - first));
  const auto after_hashes = line.find_first_not_of('#');
  return line.starts_with("```") ||
         (line.starts_with('#') && after_hashes != std::string_view::npos && line[after_hashes] == ' ');
}

}  // namespace

SourceContent classify_source(std::string_view head, std::string_view name, bool looks_like_flows) {
  if (head.empty()) return {ContentKind::empty, "empty"};
  if (is_binary(head)) return {ContentKind::not_flows, "binary data"};
  if (auto yaml = classify_yaml(head); yaml.kind != ContentKind::flows) return yaml;
  if (auto json = classify_json(head); json.kind != ContentKind::flows) return json;
  if (has_markdown_name(name) || (!looks_like_flows && reads_as_markdown(head))) {
    return {ContentKind::not_flows, "a Markdown document"};
  }
  return {};
}

}  // namespace netobs
