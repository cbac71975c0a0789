#include <netobs/inventory.hpp>

namespace netobs {
namespace {

// "shop-7d9c8b6f5" (a ReplicaSet) -> "shop" when the suffix is the pod-template-hash.
std::optional<std::string> strip_suffix(const std::string& name, const std::string& suffix) {
  if (suffix.empty() || name.size() <= suffix.size() + 1) return std::nullopt;
  if (name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) return std::nullopt;
  if (name[name.size() - suffix.size() - 1] != '-') return std::nullopt;
  return name.substr(0, name.size() - suffix.size() - 1);
}

}  // namespace

bool is_workload_kind(const std::string& kind) {
  return kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" || kind == "ReplicaSet" ||
         kind == "Job" || kind == "CronJob" || kind == "ReplicationController";
}

void OwnerChains::add(const WorkloadRef& workload, const std::optional<WorkloadRef>& controller) {
  m_workloads.insert(workload);
  if (controller) m_parents[workload] = *controller;
}

WorkloadRef OwnerChains::root_of(const WorkloadRef& controller, const Labels& pod_labels) const {
  WorkloadRef ref = controller;
  // Bounded: ownerReferences from a file may form a cycle.
  for (int depth = 0; depth < 4; ++depth) {
    auto parent = m_parents.find(ref);
    if (parent == m_parents.end()) break;
    ref = parent->second;
  }
  // Without the ReplicaSet (or Job) object, fall back to the naming conventions of their
  // controllers, so a pods-only inventory still yields Deployments and CronJobs.
  if (ref.kind == "ReplicaSet" && !m_parents.contains(ref)) {
    auto hash = pod_labels.find("pod-template-hash");
    if (hash != pod_labels.end()) {
      auto name = strip_suffix(ref.name, hash->second);
      const WorkloadRef deployment{ref.namespace_name, "Deployment", name.value_or("")};
      if (name && (m_deployments == Deployments::assumed || m_workloads.contains(deployment))) ref = deployment;
    }
  }
  if (ref.kind == "Job" && !m_parents.contains(ref)) {
    auto dash = ref.name.rfind('-');
    if (dash != std::string::npos && dash + 1 < ref.name.size() &&
        ref.name.find_first_not_of("0123456789", dash + 1) == std::string::npos &&
        m_workloads.contains({ref.namespace_name, "CronJob", ref.name.substr(0, dash)})) {
      ref = {ref.namespace_name, "CronJob", ref.name.substr(0, dash)};
    }
  }
  return ref;
}

}  // namespace netobs
