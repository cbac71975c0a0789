#include "formats.hpp"

#include <array>

#include "readers.hpp"

namespace netobs {
namespace {

bool starts_with_object(std::string_view head) {
  const auto first = head.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && head[first] == '{';
}

Result<void> read_vpc(ReadContext& ctx) { return read_vpc_records(ctx); }

// Order matters for detection: the most specific sniffers first, VPC text (also the fallback) last.
constexpr std::array k_formats{
    FlowFormat{"edges", "edges", &looks_like_edge_file, &read_saved_edges},
    FlowFormat{"nfm", "network flow monitor", &looks_like_nfm_report, &read_nfm_reports},
    FlowFormat{"eks-agent", "eks network policy agent", &looks_like_eks_agent_log, &read_eks_agent_records},
    FlowFormat{"hubble", "hubble", &looks_like_hubble_record, &read_json_records},
    FlowFormat{"prometheus", "flow metrics", &looks_like_prometheus_text, &read_flow_metrics},
    FlowFormat{"edge-rows", "edge rows (netobs sql)", &looks_like_edge_rows, &read_edge_rows},
    FlowFormat{"vpc", "vpc", &looks_like_vpc_record, &read_vpc},
};

const FlowFormat* sniff_flow_format(std::string_view line) {
  for (const auto& format : k_formats) {
    if (format.sniff(line)) return &format;
  }
  return nullptr;
}

}  // namespace

std::span<const FlowFormat> flow_formats() { return k_formats; }

const FlowFormat* find_flow_format(std::string_view name) {
  for (const auto& format : k_formats) {
    if (format.name == name) return &format;
  }
  return nullptr;
}

FormatDetection detect_flow_format(std::string_view head, bool whole) {
  struct Votes {
    std::size_t count = 0;
    std::size_t first_line = 0;  // lines of `head` ahead of this format's first vote
  };
  std::array<Votes, k_formats.size()> votes{};
  std::size_t line_index = 0;
  std::size_t voting_lines = 0;
  for (std::size_t start = 0; start < head.size() && voting_lines < k_detection_lines; ++line_index) {
    const std::size_t end = head.find('\n', start);
    // A last line without its newline may be cut off by the peek: it votes only when it is the end.
    if (end == std::string_view::npos && !whole) break;
    const std::string_view line = head.substr(start, end == std::string_view::npos ? head.size() - start : end - start);
    start = end == std::string_view::npos ? head.size() : end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    ++voting_lines;
    if (const FlowFormat* format = sniff_flow_format(line)) {
      Votes& vote = votes[static_cast<std::size_t>(format - k_formats.data())];
      if (vote.count++ == 0) vote.first_line = line_index;
    }
  }
  // No line reads as a record of any format: JSON goes to the JSON reader, anything else to the
  // VPC reader, and their messages say what is wrong with the lines.
  const FlowFormat* fallback = starts_with_object(head) ? find_flow_format("hubble") : &k_formats.back();
  FormatDetection detection{fallback, 0, false};
  std::size_t best = 0;
  for (std::size_t i = 0; i < k_formats.size(); ++i) {
    const bool earlier_tie = votes[i].count == best && best > 0 && votes[i].first_line < detection.preamble_lines;
    if (votes[i].count > best || earlier_tie) {
      best = votes[i].count;
      detection = {&k_formats[i], votes[i].first_line, true};
    }
  }
  return detection;
}

std::vector<std::string> flow_format_names() {
  std::vector<std::string> names;
  names.reserve(k_formats.size());
  for (const auto& format : k_formats) names.emplace_back(format.name);
  return names;
}

}  // namespace netobs
