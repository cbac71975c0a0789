#include "resolve.hpp"

#include <algorithm>
#include <cctype>

namespace netobs {
namespace {

bool all_of_class(std::string_view text, int (*predicate)(int)) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [&](char c) { return predicate(static_cast<unsigned char>(c)) != 0; });
}

int is_lower_alnum(int c) { return std::islower(c) || std::isdigit(c); }

// Pod names of Deployments end in -<pod-template-hash>-<5 chars>, of DaemonSets and Jobs in
// -<5 chars>, of StatefulSets in -<ordinal>.
WorkloadRef from_pod_name(const std::string& ns, const std::string& pod) {
  const auto last = pod.rfind('-');
  if (last == std::string::npos) return {ns, "Pod", pod};
  const std::string_view suffix = std::string_view(pod).substr(last + 1);
  const std::string head = pod.substr(0, last);
  if (all_of_class(suffix, [](int c) { return std::isdigit(c); })) return {ns, "StatefulSet", head};
  if (suffix.size() == 5 && all_of_class(suffix, is_lower_alnum)) {
    const auto prev = head.rfind('-');
    if (prev != std::string::npos) {
      const std::string_view hash = std::string_view(head).substr(prev + 1);
      if (hash.size() >= 6 && hash.size() <= 10 && all_of_class(hash, is_lower_alnum)) {
        return {ns, "Deployment", head.substr(0, prev)};
      }
    }
    return {ns, "DaemonSet", head};
  }
  return {ns, "Pod", pod};
}

}  // namespace

WorkloadRef workload_of(const FlowEndpoint& endpoint, const Inventory& inventory) {
  if (!endpoint.pod_name.empty()) {
    if (const Pod* pod = inventory.pod_by_name(endpoint.namespace_name, endpoint.pod_name)) return pod->owner;
  }
  if (!endpoint.workload_name.empty()) {
    if (endpoint.workload_kind.empty()) {
      if (auto ref = inventory.workload_named(endpoint.namespace_name, endpoint.workload_name)) return *ref;
    }
    return {endpoint.namespace_name, endpoint.workload_kind.empty() ? "Deployment" : endpoint.workload_kind,
            endpoint.workload_name};
  }
  if (!endpoint.pod_name.empty()) return from_pod_name(endpoint.namespace_name, endpoint.pod_name);
  // An identity without a pod name: name it after its app label, the best stable handle.
  for (const char* key : {"app.kubernetes.io/name", "app", "k8s-app"}) {
    if (auto it = endpoint.labels.find(key); it != endpoint.labels.end()) {
      return {endpoint.namespace_name, "Workload", it->second};
    }
  }
  return {endpoint.namespace_name, "Workload", "unnamed"};
}

void PeerResolver::learn(const FlowAggregate& aggregate) {
  m_aggregate = &aggregate;
  auto named = [&](std::uint32_t id) {
    const FlowEndpoint& e = aggregate.identities[id];
    return !e.namespace_name.empty() && !e.pod_name.empty();
  };
  for (const auto& [key, counters] : aggregate.edges) {
    if (key.client == IpAddress{} || key.server == IpAddress{}) continue;  // metrics: workloads, no addresses
    if (named(key.client_identity)) m_identity_by_ip[key.client] = key.client_identity;
    if (named(key.server_identity)) m_identity_by_ip[key.server] = key.server_identity;
  }
  for (std::uint32_t id = 1; id < aggregate.identities.size(); ++id) {
    if (!named(id) || aggregate.identities[id].labels.empty()) continue;
    const FlowEndpoint& e = aggregate.identities[id];
    const WorkloadRef ref = workload_of(e, m_inventory);
    auto [it, inserted] = m_workload_by_labels.try_emplace({e.namespace_name, e.labels}, ref);
    if (!inserted && it->second != ref) it->second = std::nullopt;
  }
}

Peer PeerResolver::workload_peer(const WorkloadRef& ref, const Labels& labels) {
  auto [it, inserted] = m_graph.workloads.try_emplace(ref);
  if (inserted) {
    it->second.ref = ref;
    it->second.system = is_system_namespace(ref.namespace_name);
  }
  auto& sets = m_labels[ref];
  // An identity without labels says nothing about which labels the pods share.
  if (!labels.empty() && std::find(sets.begin(), sets.end(), labels) == sets.end()) sets.push_back(labels);
  return Peer{PeerKind::workload, ref, {}};
}

bool PeerResolver::in_cluster_range(const IpAddress& ip) const {
  return std::any_of(m_options.cluster_cidrs.begin(), m_options.cluster_cidrs.end(),
                     [&](const Cidr& cidr) { return cidr.contains(ip); });
}

std::vector<ResolvedPeer> PeerResolver::resolve(const IpAddress& ip, const FlowEndpoint& identity, EdgeSide side,
                                                std::uint16_t port, Protocol protocol, std::int64_t seen_at) {
  if (m_inventory.service_by_ip(ip)) return resolve_uncached(ip, identity, side, port, protocol, seen_at);
  const auto key = std::make_pair(ip, &identity);
  if (auto it = m_cache.find(key); it != m_cache.end()) return {{it->second.peer, port, it->second.holder}};
  auto resolved = resolve_uncached(ip, identity, side, port, protocol, seen_at);
  if (resolved.size() == 1) m_cache.emplace(key, resolved.front());
  return resolved;
}

std::vector<ResolvedPeer> PeerResolver::resolve_uncached(const IpAddress& ip, const FlowEndpoint& identity,
                                                         EdgeSide side, std::uint16_t port, Protocol protocol,
                                                         std::int64_t seen_at) {
  if (!identity.namespace_name.empty()) {
    WorkloadRef ref = workload_of(identity, m_inventory);
    if (identity.pod_name.empty() && identity.workload_name.empty()) {
      // Hubble names some endpoints by labels only; use the workload those labels belong to.
      auto it = m_workload_by_labels.find({identity.namespace_name, identity.labels});
      if (it != m_workload_by_labels.end() && it->second) ref = *it->second;
    }
    const Pod* pod = m_inventory.pod_by_name(identity.namespace_name, identity.pod_name);
    return {{workload_peer(ref, pod ? pod->labels : identity.labels), port}};
  }
  if (!identity.pod_name.empty() || identity.reserved == "world") {
    // A pod seen elsewhere in the capture under this address (Hubble sometimes loses the
    // identity of a pod and reports it as world).
    auto it = m_identity_by_ip.find(ip);
    if (m_aggregate && it != m_identity_by_ip.end()) {
      return resolve_uncached(ip, m_aggregate->identities[it->second], side, port, protocol, seen_at);
    }
  }
  if (identity.reserved == "kube-apiserver") {
    // Hubble knows the API server wherever it runs (a node, the VPC, a range given as the
    // cluster's): it is allowed at every address it has (Graph::apiserver_ips), not this one alone.
    m_graph.apiserver_ips.insert(ip);
    return {{Peer{PeerKind::external, {}, ip}, port}};
  }
  if (!identity.pod_name.empty() && !m_inventory.pod_by_ip(ip)) {
    return {{Peer{PeerKind::cluster_unknown, {}, ip}, port}};  // a pod, but whose is unknown
  }
  if (identity.reserved == "host" || identity.reserved == "remote-node") {
    return {{Peer{PeerKind::node, {}, ip}, port}};
  }
  if (const auto holder = holder_status_of(identity.reserved)) {
    return {{Peer{PeerKind::cluster_unknown, {}, ip}, port, *holder}};
  }
  if (!identity.reserved.empty() && identity.reserved != "world") {
    return {{Peer{PeerKind::reserved, {}, ip, identity.reserved}, port}};  // ingress, health, init, unmanaged, ...
  }
  if (identity.reserved.empty()) {
    // Edges read without an inventory (saved edges): attributed now, by the edge's time.
    const IpHolder holder = m_inventory.holder_at(ip, seen_at);
    if (holder.status == IpHolder::Status::pod) return {{workload_peer(holder.pod->owner, holder.pod->labels), port}};
    if (holder.status != IpHolder::Status::not_a_pod_address) {
      return {{Peer{PeerKind::cluster_unknown, {}, ip}, port, holder.status}};
    }
  }
  // The API server's endpoints (default/kubernetes), even on a control-plane node's address.
  if (m_graph.apiserver_ips.contains(ip)) return {{Peer{PeerKind::external, {}, ip}, port}};
  if (m_inventory.node_by_ip(ip)) return {{Peer{PeerKind::node, {}, ip}, port}};
  if (const Service* service = m_inventory.service_by_ip(ip)) {
    std::vector<ResolvedPeer> peers;
    if (side == EdgeSide::server) {
      for (const auto& service_port : service->ports) {
        if (service_port.port != port || service_port.protocol != protocol) continue;
        for (const Pod* backend : m_inventory.service_backends(*service)) {
          auto target = m_inventory.resolve_target_port(service_port, *backend);
          if (!target) continue;
          ResolvedPeer resolved{workload_peer(backend->owner, backend->labels), *target};
          if (std::find_if(peers.begin(), peers.end(), [&](const ResolvedPeer& p) {
                return p.peer == resolved.peer && p.port == resolved.port;
              }) == peers.end()) {
            peers.push_back(resolved);
          }
        }
      }
    }
    if (peers.empty() && side == EdgeSide::server) peers = endpoint_peers(*service, port, protocol, seen_at);
    if (peers.empty()) return {{Peer{PeerKind::cluster_unknown, {}, ip}, port}};
    return peers;
  }
  // The Endpoints of a Service without a selector explain the address (the API server's
  // control-plane addresses): the outside, even inside the cluster's ranges.
  if (m_inventory.is_service_endpoint(ip)) return {{Peer{PeerKind::external, {}, ip}, port}};
  if (in_cluster_range(ip)) return {{Peer{PeerKind::cluster_unknown, {}, ip}, port}};
  return {{Peer{PeerKind::external, {}, ip}, port}};
}

std::vector<ResolvedPeer> PeerResolver::endpoint_peers(const Service& service, std::uint16_t port, Protocol protocol,
                                                       std::int64_t seen_at) {
  std::vector<ResolvedPeer> peers;
  const ServiceEndpoints* endpoints = m_inventory.endpoints_of(service);
  if (!endpoints) return peers;
  for (const auto& service_port : service.ports) {
    if (service_port.port != port || service_port.protocol != protocol) continue;
    // The endpoint port: named like the Service port's target, or the only one of the protocol.
    std::optional<std::uint16_t> target;
    for (const auto& endpoint_port : endpoints->ports) {
      if (endpoint_port.protocol != protocol) continue;
      if (!target || endpoint_port.name == service_port.target_port ||
          std::to_string(endpoint_port.port) == service_port.target_port) {
        target = endpoint_port.port;
      }
    }
    if (!target) continue;
    static const FlowEndpoint k_no_identity;  // stable: the resolver caches by its address
    for (const auto& address : endpoints->addresses) {
      for (const auto& resolved : resolve(address, k_no_identity, EdgeSide::server, *target, protocol, seen_at)) {
        const ResolvedPeer peer{
            resolved.peer.kind == PeerKind::cluster_unknown ? Peer{PeerKind::external, {}, address} : resolved.peer,
            *target};
        if (std::find_if(peers.begin(), peers.end(), [&](const ResolvedPeer& p) {
              return p.peer == peer.peer && p.port == peer.port;
            }) == peers.end()) {
          peers.push_back(peer);
        }
      }
    }
  }
  return peers;
}

}  // namespace netobs
