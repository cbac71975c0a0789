// The address history of the inventory's pods: leases from snapshots and watch events, and who
// held an address at a time.
#include <set>

#include <netobs/inventory.hpp>

#include "util/document.hpp"
#include "util/k8s_json.hpp"

namespace netobs {

std::string_view holder_identity(IpHolder::Status status) {
  switch (status) {
    case IpHolder::Status::ambiguous:
      return "netobs:ambiguous-pod-address";
    case IpHolder::Status::unattributed:
      return "netobs:unheld-pod-address";
    case IpHolder::Status::pod:
    case IpHolder::Status::not_a_pod_address:
      break;
  }
  return {};
}

std::optional<IpHolder::Status> holder_status_of(std::string_view reserved) {
  for (const auto status : {IpHolder::Status::ambiguous, IpHolder::Status::unattributed}) {
    if (reserved == holder_identity(status)) return status;
  }
  return std::nullopt;
}

void Inventory::apply_pod_events(const std::vector<PodEvent>& events) {
  if (events.empty()) return;
  std::map<std::pair<std::string, std::string>, std::size_t> by_name;
  for (std::size_t i = 0; i < m_pods.size(); ++i) by_name[{m_pods[i].namespace_name, m_pods[i].name}] = i;
  for (const auto& event : events) {
    if (event.type == PodEvent::Type::relisted) {
      const std::set<std::string> present(event.present.begin(), event.present.end());
      for (auto& pod : m_pods) {
        if ((event.scope.empty() || pod.namespace_name == event.scope) && !pod.deletion_time &&
            !present.contains(pod.namespace_name + "/" + pod.name)) {
          pod.deletion_time = event.time;  // gone while the watch was down: by now at the latest
          pod.terminated = true;
        }
      }
      continue;
    }
    auto parsed = parse_json(event.object, "pod watch");
    if (!parsed || !parsed->is_object()) continue;
    Pod pod = k8s::parse_pod(*parsed);
    pod.seen_until = event.time;
    if (event.type == PodEvent::Type::deleted) {
      if (!pod.deletion_time || *pod.deletion_time > event.time) pod.deletion_time = event.time;
      pod.terminated = true;
    }
    auto [it, added] = by_name.try_emplace({pod.namespace_name, pod.name}, m_pods.size());
    if (added) {
      m_pods.push_back(std::move(pod));
    } else {
      m_pods[it->second] = std::move(pod);
    }
  }
  index();
}

void Inventory::set_leases() {
  for (auto& pod : m_pods) {
    pod.lease_end.reset();
    // Gone from a later snapshot of its namespace: it released its addresses by then.
    bool gone = false;
    for (auto it = m_snapshots.upper_bound(pod.seen_until); it != m_snapshots.end() && !gone; ++it) {
      gone = it->second.contains(pod.namespace_name);
    }
    if (gone) pod.terminated = true;
    if (pod.deletion_time) {
      pod.lease_end = pod.deletion_time;
    } else if (pod.finish_time) {  // only a pod whose phase says it ended has one
      pod.lease_end = pod.finish_time;
    } else if (pod.terminated) {
      pod.lease_end = pod.seen_until;
    }
  }
}

const Pod* Inventory::pod_by_ip(const IpAddress& ip) const {
  auto it = m_pods_by_ip.find(ip);
  if (it == m_pods_by_ip.end()) return nullptr;
  const Pod* best = nullptr;
  for (std::size_t index : it->second) {
    const Pod& pod = m_pods[index];
    if (!best || (pod.terminated != best->terminated ? !pod.terminated
                                                     : pod.start_time.value_or(0) >= best->start_time.value_or(0))) {
      best = &pod;
    }
  }
  return best;
}

IpHolder Inventory::holder_at(const IpAddress& ip, std::int64_t seen_at) const {
  auto it = m_pods_by_ip.find(ip);
  if (it == m_pods_by_ip.end()) return {};
  const auto& holders = it->second;
  if (seen_at == 0) {
    const Pod* holding = nullptr;
    for (std::size_t index : holders) {
      if (m_pods[index].lease_end) continue;
      if (holding) return {IpHolder::Status::ambiguous, nullptr, 0, 1};
      holding = &m_pods[index];
    }
    if (!holding && holders.size() == 1) holding = &m_pods[holders.front()];  // the only one it ever had
    if (!holding)
      return {holders.size() > 1 ? IpHolder::Status::ambiguous : IpHolder::Status::unattributed, nullptr, 0, 1};
    return {IpHolder::Status::pod, holding, 0, 1};
  }
  // Clock skew between flow exporters and the API server is tolerated up to a minute.
  constexpr std::int64_t k_skew = 60;
  if (holders.size() == 1) {
    // The common case, one pod ever: its exact lease answers for a range of times at once.
    const Pod& pod = m_pods[holders.front()];
    const std::int64_t start = pod.start_time.value_or(INT64_MIN);
    const std::int64_t end = pod.lease_end.value_or(INT64_MAX);
    if (seen_at >= start && seen_at < end) return {IpHolder::Status::pod, &pod, start, end};
  }
  for (const std::int64_t slack : {std::int64_t{0}, k_skew}) {
    const Pod* holding = nullptr;
    for (std::size_t index : holders) {
      const Pod& pod = m_pods[index];
      if (pod.start_time && *pod.start_time - slack > seen_at) continue;
      if (pod.lease_end && *pod.lease_end + slack <= seen_at) continue;  // [start, end)
      if (holding) return {IpHolder::Status::ambiguous, nullptr, seen_at, seen_at + 1};
      holding = &pod;
    }
    if (holding) return {IpHolder::Status::pod, holding, seen_at, seen_at + 1};
  }
  return {IpHolder::Status::unattributed, nullptr, seen_at, seen_at + 1};
}

}  // namespace netobs
