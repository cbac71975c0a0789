#include <fmt/format.h>

#include <netobs/plural.hpp>

#include "render/diff/formats.hpp"

namespace netobs {
namespace {

// A table cell: pipes would end the cell.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

// For a pull-request comment: the headline (what would break) first, then connectivity split
// into widening and narrowing, then the policy objects folded away.
std::string diff_md(const PolicyDiff& diff) {
  std::string out = "## netobs diff\n\n";
  if (diff.flows) {
    const FlowImpact& f = *diff.flows;
    out += fmt::format("**{} would break**, {} fixed, {} removed ({} evaluated).\n\n",
                       counted(f.would_break.size(), "observed flow", "observed flows"), f.fixed.size(),
                       counted(f.unused_removed.size(), "unused live permission", "unused live permissions"),
                       counted(f.evaluated, "edge", "edges"));
    if (!f.would_break.empty()) {
      out += "| would break | blocked by |\n|---|---|\n";
      for (const auto& c : f.would_break)
        out += fmt::format("| {} | {} |\n", cell(describe_flow(c)), cell(c.blocked_by));
      out += '\n';
    }
  }
  if (diff.connectivity.empty()) {
    out += "No connectivity change.\n\n";
  } else {
    for (const bool widening : {true, false}) {
      std::string rows;
      for (const auto& c : diff.connectivity) {
        if ((widening && c.widens()) || (!widening && c.narrows())) {
          rows += fmt::format("| {} | {} | {} | {} |\n", cell(c.source), cell(c.destination), cell(c.live.to_string()),
                              cell(c.proposed.to_string()));
        }
      }
      if (rows.empty()) continue;
      out += fmt::format("### Connectivity {}\n\n| source | destination | live | proposed |\n|---|---|---|---|\n{}\n",
                         widening ? "widened" : "narrowed", rows);
    }
  }
  out += fmt::format("### Policy objects: {}\n\n", count_types(diff.objects));
  for (const auto& c : diff.objects) {
    out += fmt::format("<details><summary>{} {}</summary>\n\n```diff\n{}```\n\n</details>\n\n", to_string(c.type),
                       c.title(), c.unified_diff);
  }
  return out;
}

}  // namespace netobs
