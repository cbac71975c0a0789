#include "formats.hpp"

#include <array>

#include "readers.hpp"

namespace netobs {
namespace {

bool starts_with_object(std::string_view head) {
  const auto first = head.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && head[first] == '{';
}

bool anything(std::string_view) { return true; }

Result<void> read_vpc(ReadContext& ctx) { return read_vpc_records(ctx); }

// Order matters for detection: the most specific sniffers first, VPC text (the fallback) last.
constexpr std::array k_formats{
    FlowFormat{"edges", "edges", &looks_like_edge_file, &read_saved_edges},
    FlowFormat{"nfm", "network flow monitor", &looks_like_nfm_report, &read_nfm_reports},
    FlowFormat{"eks-agent", "eks network policy agent", &looks_like_eks_agent_log, &read_eks_agent_records},
    FlowFormat{"hubble", "json", &starts_with_object, &read_json_records},
    FlowFormat{"prometheus", "flow metrics", &looks_like_prometheus_text, &read_flow_metrics},
    FlowFormat{"edge-rows", "edge rows (netobs sql)", &looks_like_edge_rows, &read_edge_rows},
    FlowFormat{"vpc", "vpc", &anything, &read_vpc},
};

}  // namespace

std::span<const FlowFormat> flow_formats() { return k_formats; }

const FlowFormat* find_flow_format(std::string_view name) {
  for (const auto& format : k_formats) {
    if (format.name == name) return &format;
  }
  return nullptr;
}

const FlowFormat& detect_flow_format(std::string_view head) {
  for (const auto& format : k_formats) {
    if (format.sniff(head)) return format;
  }
  return k_formats.back();
}

std::vector<std::string> flow_format_names() {
  std::vector<std::string> names;
  names.reserve(k_formats.size());
  for (const auto& format : k_formats) names.emplace_back(format.name);
  return names;
}

}  // namespace netobs
