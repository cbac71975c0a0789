#include <fmt/format.h>

#include <netobs/plural.hpp>

#include "render/diff/formats.hpp"

namespace netobs {

std::string render_diff(const PolicyDiff& diff, DiffFormat format) {
  switch (format) {
    case DiffFormat::txt:
      return diff_txt(diff);
    case DiffFormat::json:
      return diff_json(diff);
    case DiffFormat::md:
      return diff_md(diff);
  }
  return {};
}

std::string render_connectivity_diff_txt(const std::vector<ConnectivityChange>& changes) {
  if (changes.empty()) return {};
  std::string out = "Connectivity diff:\n";
  for (const auto& c : changes) {
    out += fmt::format("diff-type: {}, source: {}, destination: {}, ref1: {}, ref2: {}", to_string(c.type), c.source,
                       c.destination, c.live.to_string(), c.proposed.to_string());
    if (!c.workload_info.empty()) out += ", workloads-diff-info: " + c.workload_info;
    out += '\n';
  }
  return out;
}

std::string describe_flow(const FlowChange& change) {
  return fmt::format("{} {} from {} to {} ({})", to_string(change.edge.protocol), change.edge.port,
                     to_string(change.edge.client), to_string(change.edge.server),
                     counted(change.stats.flows, "flow", "flows"));
}

template <typename Changes>
std::string count_types(const Changes& changes) {
  std::size_t added = 0;
  std::size_t removed = 0;
  std::size_t changed = 0;
  for (const auto& c : changes) {
    (c.type == ChangeType::added ? added : c.type == ChangeType::removed ? removed : changed) += 1;
  }
  return fmt::format("{} added, {} removed, {} changed", added, removed, changed);
}

template std::string count_types(const std::vector<ObjectChange>&);
template std::string count_types(const std::vector<ConnectivityChange>&);

}  // namespace netobs
