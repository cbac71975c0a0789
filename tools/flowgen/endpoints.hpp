// Resolving the scenario's "ns/workload" names to pods, for the record writers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scenario.hpp"

namespace flowgen {

struct Endpoint {
  const WorkloadSpec* workload = nullptr;  // null for an address outside the cluster
  const PodSpec* pod = nullptr;
  std::string ip;
  std::string node_ip;  // the node of the pod; empty outside the cluster
};

// The endpoints of `name`: each live pod of the workload, or the address itself.
std::vector<Endpoint> endpoints_of(const Scenario& scenario, const std::string& name);

// A time in [from, to) for the `index`-th of `count` connections.
std::int64_t spread(std::int64_t from, std::int64_t to, int index, int count);

// The window in which `endpoint` may have traffic: a pod only after it started, and a finished
// Job's pod only for the 20 minutes it ran.
std::pair<std::int64_t, std::int64_t> active_window(const Scenario& scenario, const Endpoint& endpoint);

}  // namespace flowgen
