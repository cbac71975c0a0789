#include <nlohmann/json.hpp>

#include "render/diff/formats.hpp"
#include "util/k8s_json.hpp"

namespace netobs {
namespace {

using nlohmann::ordered_json;

ordered_json connectivity_json(const ConnectivityChange& c) {
  ordered_json out;
  out["diff_type"] = std::string(to_string(c.type));
  out["source"] = c.source;
  out["destination"] = c.destination;
  out["live"] = c.live.to_string();
  out["proposed"] = c.proposed.to_string();
  out["widens"] = c.widens();
  out["narrows"] = c.narrows();
  if (!c.workload_info.empty()) out["workloads_diff_info"] = c.workload_info;
  return out;
}

ordered_json flow_json(const FlowChange& c) {
  ordered_json out;
  out["client"] = to_string(c.edge.client);
  out["server"] = to_string(c.edge.server);
  out["protocol"] = std::string(to_string(c.edge.protocol));
  out["port"] = c.edge.port;
  out["flows"] = c.stats.flows;
  out["blocked_by"] = c.blocked_by;
  return out;
}

}  // namespace

std::string diff_json(const PolicyDiff& diff) {
  ordered_json out;
  out["differences"] = diff.has_differences();
  out["objects"] = ordered_json::array();
  for (const auto& c : diff.objects) {
    out["objects"].push_back({{"change", std::string(to_string(c.type))},
                              {"kind", c.kind},
                              {"group", c.group},
                              {"namespace", c.namespace_name},
                              {"name", c.name},
                              {"diff", c.unified_diff}});
  }
  out["connectivity"] = ordered_json::array();
  for (const auto& c : diff.connectivity) out["connectivity"].push_back(connectivity_json(c));
  if (diff.flows) {
    ordered_json& flows = out["flows"];
    flows["evaluated_edges"] = diff.flows->evaluated;
    flows["would_break"] = ordered_json::array();
    for (const auto& c : diff.flows->would_break) flows["would_break"].push_back(flow_json(c));
    flows["fixed"] = ordered_json::array();
    for (const auto& c : diff.flows->fixed) flows["fixed"].push_back(flow_json(c));
    flows["unused_removed"] = ordered_json::array();
    for (const auto& c : diff.flows->unused_removed) flows["unused_removed"].push_back(connectivity_json(c));
  }
  out["notes"] = diff.notes;
  return k8s::to_json_text(out, 2) + "\n";
}

}  // namespace netobs
