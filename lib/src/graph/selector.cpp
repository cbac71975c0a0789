#include "selector.hpp"

#include <fmt/format.h>

namespace netobs {
namespace {

struct Candidate {
  LabelSelector selector;
  const char* origin;
};

using PodsByNamespace = std::map<std::string, std::vector<const Pod*>>;

// Workloads in `ns` (other than `self`) having a pod whose labels `selector` matches.
std::vector<std::string> also_selected(const LabelSelector& selector, const WorkloadRef& self,
                                       const PodsByNamespace& pods_by_namespace,
                                       const std::map<WorkloadRef, std::vector<Labels>>& observed) {
  std::vector<std::string> others;
  auto add = [&](const WorkloadRef& ref) {
    const std::string name = fmt::format("{}/{}", ref.kind, ref.name);
    if (std::find(others.begin(), others.end(), name) == others.end()) others.push_back(name);
  };
  if (auto pods = pods_by_namespace.find(self.namespace_name); pods != pods_by_namespace.end()) {
    for (const Pod* pod : pods->second) {
      if (!pod->terminated && pod->owner != self && selector.matches(pod->labels)) add(pod->owner);
    }
  }
  for (auto it = observed.lower_bound({self.namespace_name, "", ""});
       it != observed.end() && it->first.namespace_name == self.namespace_name; ++it) {
    const auto& [ref, label_sets] = *it;
    if (ref == self) continue;
    for (const auto& labels : label_sets) {
      if (selector.matches(labels)) add(ref);
    }
  }
  std::sort(others.begin(), others.end());
  return others;
}

// True when `selector` misses one of the workload's own pods.
bool misses_own(const LabelSelector& selector, const std::vector<Labels>& own) {
  return std::any_of(own.begin(), own.end(), [&](const Labels& labels) { return !selector.matches(labels); });
}

}  // namespace

void choose_selectors(Graph& graph, const Inventory& inventory,
                      const std::map<WorkloadRef, std::vector<Labels>>& observed_labels) {
  PodsByNamespace pods_by_namespace;
  std::map<WorkloadRef, std::vector<const Pod*>> pods_by_owner;
  for (const auto& pod : inventory.pods()) {
    pods_by_namespace[pod.namespace_name].push_back(&pod);
    pods_by_owner[pod.owner].push_back(&pod);
  }
  for (auto& [ref, node] : graph.workloads) {
    std::vector<Labels> own;
    if (auto pods = pods_by_owner.find(ref); pods != pods_by_owner.end()) {
      for (const Pod* pod : pods->second) {
        if (!pod->terminated) own.push_back(pod->labels);
        if (pod->host_network) node.host_network = true;
      }
    }
    if (auto it = observed_labels.find(ref); it != observed_labels.end()) {
      for (const auto& labels : it->second) {
        if (std::find(own.begin(), own.end(), labels) == own.end()) own.push_back(labels);
      }
    }
    std::vector<const Labels*> sets;
    sets.reserve(own.size());
    for (const auto& labels : own) sets.push_back(&labels);

    std::vector<Candidate> candidates;
    if (auto info = inventory.workloads().find(ref);
        info != inventory.workloads().end() && info->second.selector && !info->second.selector->empty()) {
      candidates.push_back({*info->second.selector, "spec.selector"});
    }
    if (!sets.empty()) {
      Labels stable = shared_stable_labels(sets);
      if (!stable.empty()) candidates.push_back({LabelSelector{stable, {}}, "shared pod labels"});
    }
    if (candidates.empty()) {
      node.selector_note =
          own.empty() ? "no labels are known for its pods" : "its pods share no stable label to select them by";
      continue;
    }
    std::string first_problem;
    bool chosen = false;
    for (const auto& candidate : candidates) {
      const auto others = also_selected(candidate.selector, ref, pods_by_namespace, observed_labels);
      std::string problem;
      if (!others.empty()) {
        problem = fmt::format("selector {} ({}) also selects pods of {}", to_string(candidate.selector),
                              candidate.origin, fmt::join(others, ", "));
      } else if (misses_own(candidate.selector, own)) {
        problem =
            fmt::format("selector {} ({}) misses some of its pods", to_string(candidate.selector), candidate.origin);
      }
      if (problem.empty()) {
        node.selector = candidate.selector;
        node.selector_note.clear();
        chosen = true;
        break;
      }
      if (first_problem.empty()) first_problem = problem;
    }
    if (!chosen) {
      node.selector = candidates.front().selector;
      node.selector_note = first_problem;
    }
  }
}

}  // namespace netobs
