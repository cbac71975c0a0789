#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include <netobs/connectivity.hpp>

namespace netobs {
namespace {

// The IPv4 ranges that the ipBlocks of the rules of one direction in every set split 0.0.0.0/0
// into, as np-guard does: sources by ingress rules, destinations by egress rules. Neighbouring
// ranges that belong to the same blocks are one range.
std::vector<Endpoint> atoms_of(const std::vector<const ManifestSet*>& sets, PolicyType direction) {
  std::vector<const IpBlock*> blocks;
  std::set<std::uint64_t> starts{0, 1ULL << 32};
  auto add = [&](const std::optional<Cidr>& cidr) {
    if (!cidr || !cidr->base.is_v4()) return;
    const std::uint64_t first = cidr->base.v4();
    starts.insert(first);
    starts.insert(first + (1ULL << (32 - cidr->prefix_len)));
  };
  for (const ManifestSet* set : sets) {
    for (const auto& policy : set->policies) {
      for (const auto& rule : direction == PolicyType::ingress ? policy.ingress : policy.egress) {
        for (const auto& peer : rule.peers) {
          if (!peer.ip_block) continue;
          blocks.push_back(&*peer.ip_block);
          add(peer.ip_block->cidr_range);
          for (const auto& except : peer.ip_block->except_ranges) add(except);
        }
      }
    }
    for (const auto& policy : set->tiered) {
      for (const auto& rule : policy.rules(direction)) {
        for (const auto& peer : rule.peers) {
          for (const auto& network : peer.networks) {
            blocks.push_back(&network);
            add(network.cidr_range);
          }
        }
      }
    }
    for (const auto& policy : set->cilium) {
      for (bool deny : {false, true}) {
        for (const auto& rule : policy.rules(direction, deny)) {
          for (const auto& block : rule.cidrs) {
            blocks.push_back(&block);
            add(block.cidr_range);
            for (const auto& except : block.except_ranges) add(except);
          }
        }
      }
    }
  }
  auto membership = [&](std::uint32_t address) {
    const IpAddress ip = IpAddress::from_v4(address);
    std::vector<bool> in;
    for (const IpBlock* block : blocks) {
      const auto& cidr = block->cidr_range;
      bool inside = cidr && cidr->contains(ip);
      for (const auto& except : block->except_ranges) {
        if (except && except->contains(ip)) inside = false;
      }
      in.push_back(inside);
    }
    return in;
  };
  std::vector<std::pair<std::uint32_t, std::uint32_t>> atoms;
  std::vector<bool> previous;
  for (auto it = starts.begin(); std::next(it) != starts.end(); ++it) {
    const auto first = static_cast<std::uint32_t>(*it);
    const auto last = static_cast<std::uint32_t>(*std::next(it) - 1);
    std::vector<bool> in = membership(first);
    if (!atoms.empty() && in == previous) {
      atoms.back().second = last;
    } else {
      atoms.emplace_back(first, last);
    }
    previous = std::move(in);
  }
  std::vector<Endpoint> out;
  out.reserve(atoms.size());
  for (const auto& [first, last] : atoms) {
    out.push_back(Endpoint::range(IpAddress::from_v4(first), IpAddress::from_v4(last)));
  }
  return out;
}

// Every node known by name (the inventory's nodes, the nodes pods name), with one address: the
// inventory's first, else a pod's status.hostIP. Nodes without any address cannot be evaluated.
std::map<std::string, IpAddress> known_nodes(const ManifestSet& set) {
  std::map<std::string, IpAddress> out;
  for (const auto& [name, addresses] : set.node_addresses) {
    if (!addresses.empty()) out.emplace(name, addresses.front());
  }
  for (const auto& pod : set.pods) {
    if (pod.host_ip) out.emplace(pod.node_name.empty() ? to_string(*pod.host_ip) : pod.node_name, *pod.host_ip);
  }
  return out;
}

// The index of the range of `atoms` (sorted, covering IPv4) that holds `address`.
std::size_t atom_of(const std::vector<Endpoint>& atoms, const IpAddress& address) {
  auto it = std::upper_bound(atoms.begin(), atoms.end(), address,
                             [](const IpAddress& a, const Endpoint& atom) { return a < atom.first; });
  return static_cast<std::size_t>(it - atoms.begin());
}

// What a policy can tell one pod from another by: namespace, labels, container ports (named
// ports), host network, and which ranges of the ipBlocks its addresses fall in (an IPv6 address
// as itself). Two pods with one signature get the same answer toward every peer.
using PodSignature =
    std::tuple<std::string, Labels, std::vector<ContainerPort>, bool, std::vector<std::size_t>, std::vector<IpAddress>>;

// `single`: the addresses that are a range of their own, which the pod's own node may be (traffic
// with it is exempt from policies, so the node tells pods apart there).
PodSignature signature_of(const PolicyEngine& engine, const ClusterPod& pod, const ExternalAtoms& atoms,
                          const std::set<IpAddress>& single) {
  PodSignature key{pod.namespace_name, pod.labels, pod.ports, pod.host_network, {}, {}};
  // Cilium's `host` entity is the subject's own node: with Cilium policies the node always counts.
  const bool cilium = !engine.manifests().cilium.empty();
  if (cilium || !single.empty()) {
    for (const auto& address : engine.node_addresses(pod)) {
      if (cilium || single.contains(address)) std::get<5>(key).push_back(address);
    }
  }
  for (const auto& ip : pod.ips) {
    if (ip.is_v4()) {
      std::get<4>(key).push_back(atom_of(atoms.sources, ip));
      std::get<4>(key).push_back(atom_of(atoms.destinations, ip));
    } else {
      std::get<5>(key).push_back(ip);
    }
  }
  return key;
}

// The pods of one workload that stand for the others: one per signature. Connectivity is a
// union over pods, so the rest would only repeat the answers (a Deployment's replicas).
std::vector<const ClusterPod*> representatives(const PolicyEngine& engine, const std::vector<const ClusterPod*>& pods,
                                               const ExternalAtoms& atoms, const std::set<IpAddress>& single) {
  if (pods.size() < 2) return pods;
  std::set<PodSignature> seen;
  std::vector<const ClusterPod*> out;
  for (const ClusterPod* pod : pods) {
    if (seen.insert(signature_of(engine, *pod, atoms, single)).second) out.push_back(pod);
  }
  return out;
}

std::set<IpAddress> single_addresses(const ExternalAtoms& atoms) {
  std::set<IpAddress> out;
  for (const auto* list : {&atoms.sources, &atoms.destinations}) {
    for (const auto& atom : *list) {
      if (atom.first == atom.last) out.insert(atom.first);
    }
  }
  return out;
}

}  // namespace

ExternalAtoms external_atoms(const std::vector<const ManifestSet*>& sets) {
  return ExternalAtoms{atoms_of(sets, PolicyType::ingress), atoms_of(sets, PolicyType::egress)};
}

std::string external_name(const IpAddress& first, const IpAddress& last) {
  return fmt::format("{}-{}[External]", to_string(first), to_string(last));
}

ConnectivityReport compute_connectivity(const PolicyEngine& engine, NodeRows nodes, const ReportScope& scope) {
  return compute_connectivity(engine, external_atoms({&engine.manifests()}), nodes, scope);
}

ConnectivityReport compute_connectivity(const PolicyEngine& engine, const ExternalAtoms& atoms, NodeRows nodes,
                                        const ReportScope& scope) {
  ConnectivityReport report;
  std::map<WorkloadRef, std::vector<const ClusterPod*>> workloads;
  for (const auto& pod : engine.manifests().pods) workloads[pod.owner].push_back(&pod);
  // Node rows keep every pod: whether a node is a pod's own (exempt) differs among replicas.
  const auto all_pods = workloads;
  const std::set<IpAddress> single = single_addresses(atoms);
  for (auto& [ref, pods] : workloads) pods = representatives(engine, pods, atoms, single);
  const std::vector<Endpoint>& sources = atoms.sources;
  const std::vector<Endpoint>& destinations = atoms.destinations;
  auto add = [&](std::string source, std::string destination, const ConnectionSet& connections) {
    if (!connections.empty()) report.entries.push_back({std::move(source), std::move(destination), connections});
  };
  for (const auto& [from_ref, from_pods] : workloads) {
    const std::string from = workload_name(from_ref);
    const bool from_reported = scope.includes(from_ref.namespace_name);
    for (const auto& [to_ref, to_pods] : workloads) {
      if (from_ref == to_ref) continue;  // a workload's connections to itself are not listed
      if (!from_reported && !scope.includes(to_ref.namespace_name)) continue;
      ConnectionSet connections;
      for (const ClusterPod* a : from_pods) {
        for (const ClusterPod* b : to_pods) connections.unite(engine.allowed(Endpoint::of(*a), Endpoint::of(*b)));
      }
      add(from, workload_name(to_ref), connections);
    }
    if (!from_reported) continue;  // its rows with the outside have no end in the scope
    for (const auto& external : destinations) {
      ConnectionSet out;
      for (const ClusterPod* pod : from_pods) out.unite(engine.allowed(Endpoint::of(*pod), external));
      add(from, external_name(external.first, external.last), out);
    }
    for (const auto& external : sources) {
      ConnectionSet in;
      for (const ClusterPod* pod : from_pods) in.unite(engine.allowed(external, Endpoint::of(*pod)));
      add(external_name(external.first, external.last), from, in);
    }
  }
  if (nodes == NodeRows::yes) {
    for (const auto& [name, address] : known_nodes(engine.manifests())) {
      const Endpoint node = Endpoint::range(address, address);
      for (const auto& [ref, pods] : all_pods) {
        if (!scope.includes(ref.namespace_name)) continue;
        ConnectionSet in;
        ConnectionSet out;
        for (const ClusterPod* pod : pods) {
          in.unite(engine.allowed(node, Endpoint::of(*pod)));
          out.unite(engine.allowed(Endpoint::of(*pod), node));
        }
        add(name + "[Node]", workload_name(ref), in);
        add(workload_name(ref), name + "[Node]", out);
      }
    }
  }
  std::sort(report.entries.begin(), report.entries.end(), [](const auto& a, const auto& b) {
    return std::tie(a.source, a.destination) < std::tie(b.source, b.destination);
  });
  return report;
}

}  // namespace netobs
