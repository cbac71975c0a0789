#include <fmt/format.h>

#include <netobs/plural.hpp>

#include "render/diff/formats.hpp"

namespace netobs {

// Three sections, each ending with a blank line: policy objects, connectivity (np-guard's format
// exactly), observed flows.
std::string diff_txt(const PolicyDiff& diff) {
  std::string out;
  if (diff.objects.empty()) {
    out += "Policy objects: no change\n\n";
  } else {
    out += fmt::format("Policy objects: {}\n", count_types(diff.objects));
    for (const auto& change : diff.objects) {
      out += fmt::format("{} {}\n{}", to_string(change.type), change.title(), change.unified_diff);
    }
    out += '\n';
  }
  if (diff.connectivity.empty()) {
    out += "Connectivity: no change\n\n";
  } else {
    out += render_connectivity_diff_txt(diff.connectivity) + "\n";
  }
  if (diff.flows) {
    const FlowImpact& f = *diff.flows;
    out += fmt::format("Observed flows: {} would break, {} fixed, {} removed ({} evaluated)\n", f.would_break.size(),
                       f.fixed.size(),
                       counted(f.unused_removed.size(), "unused live permission", "unused live permissions"),
                       counted(f.evaluated, "edge", "edges"));
    for (const auto& c : f.would_break)
      out += fmt::format("would break: {}: blocked by the {}\n", describe_flow(c), c.blocked_by);
    for (const auto& c : f.fixed)
      out += fmt::format("fixed: {}: blocked live by the {}\n", describe_flow(c), c.blocked_by);
    for (const auto& c : f.unused_removed) {
      out += fmt::format("unused: {} => {}: live allows {}, the proposal {}\n", c.source, c.destination,
                         c.live.to_string(), c.proposed.to_string());
    }
    out += '\n';
  }
  return out;
}

}  // namespace netobs
