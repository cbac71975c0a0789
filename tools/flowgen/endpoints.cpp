#include "endpoints.hpp"

#include <algorithm>

namespace flowgen {

std::vector<Endpoint> endpoints_of(const Scenario& scenario, const std::string& name) {
  const auto slash = name.find('/');
  if (slash == std::string::npos) return {Endpoint{nullptr, nullptr, name, ""}};
  const std::string ns = name.substr(0, slash), workload = name.substr(slash + 1);
  std::vector<Endpoint> out;
  for (const auto& w : scenario.workloads) {
    if (w.ns != ns || w.name != workload) continue;
    for (const auto& pod : w.pods) {
      std::string node_ip;
      for (const auto& node : scenario.nodes) {
        if (node.name == pod.node) node_ip = node.ip;
      }
      out.push_back(Endpoint{&w, &pod, pod.ip, node_ip});
    }
  }
  return out;
}

std::int64_t spread(std::int64_t from, std::int64_t to, int index, int count) {
  if (to <= from) return from;
  return from + (to - from) * index / std::max(count, 1);
}

std::pair<std::int64_t, std::int64_t> active_window(const Scenario& scenario, const Endpoint& endpoint) {
  if (!endpoint.pod) return {scenario.window_start, scenario.window_end};
  const std::int64_t from = std::max(scenario.window_start, endpoint.pod->start_time);
  const std::int64_t to = endpoint.pod->terminated ? endpoint.pod->start_time + 1200 : scenario.window_end;
  return {from, to};
}

}  // namespace flowgen
