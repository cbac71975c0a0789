#include <algorithm>

#include <fmt/format.h>
#include <malloc.h>

#include <netobs/inventory.hpp>
#include <netobs/time.hpp>

#include "inventory/endpoints.hpp"
#include "util/document.hpp"
#include "util/k8s_json.hpp"

namespace netobs {
namespace {

using k8s::string_at;
using nlohmann::json;

using k8s::field;

Service parse_service(const json& item) {
  const json& metadata = field(item, "metadata");
  const json& spec = field(item, "spec");
  Service service;
  service.namespace_name = k8s::namespace_of(metadata);
  service.name = string_at(metadata, "name");
  auto add = [&](const std::string& text) {
    auto ip = parse_ip(text);
    if (ip && std::find(service.cluster_ips.begin(), service.cluster_ips.end(), *ip) == service.cluster_ips.end()) {
      service.cluster_ips.push_back(*ip);
    }
  };
  if (const json& ips = field(spec, "clusterIPs"); ips.is_array()) {
    for (const auto& ip : ips) {
      if (ip.is_string()) add(ip.get<std::string>());
    }
  }
  add(string_at(spec, "clusterIP"));
  if (const json& selector = field(spec, "selector"); selector.is_object() && !selector.empty()) {
    service.selector = LabelSelector{k8s::labels_at(selector), {}};
  }
  if (const json& ports = field(spec, "ports"); ports.is_array()) {
    for (const auto& port : ports) {
      auto protocol = k8s::parse_protocol(field(port, "protocol"));
      const json& number = field(port, "port");
      if (!protocol || !number.is_number_integer()) continue;
      ServicePort sp{*protocol, static_cast<std::uint16_t>(number.get<long long>()), {}};
      const json& target = field(port, "targetPort");
      if (target.is_number_integer()) sp.target_port = std::to_string(target.get<long long>());
      if (target.is_string()) sp.target_port = target.get<std::string>();
      service.ports.push_back(sp);
    }
  }
  return service;
}

Node parse_node(const json& item) {
  Node node;
  node.name = string_at(field(item, "metadata"), "name");
  node.labels = k8s::labels_at(field(field(item, "metadata"), "labels"));
  if (const json& addresses = field(field(item, "status"), "addresses"); addresses.is_array()) {
    for (const auto& address : addresses) {
      const std::string type = string_at(address, "type");
      if (type != "InternalIP" && type != "ExternalIP") continue;
      if (auto ip = parse_ip(string_at(address, "address"))) node.addresses.push_back(*ip);
    }
  }
  return node;
}

// The object an index maps `key` to, or null.
template <typename Index, typename Object>
const Object* lookup(const Index& index, const typename Index::key_type& key, const std::vector<Object>& objects) {
  auto it = index.find(key);
  return it == index.end() ? nullptr : &objects[it->second];
}

}  // namespace

Result<void> Inventory::load_file(const std::filesystem::path& path) {
  auto text = read_text_file(path.string());
  if (!text) return tl::unexpected(text.error());
  return load_text(*text, input_name(path.string()));
}

Result<void> Inventory::load_text(const std::string& text, const std::string& origin,
                                  std::optional<std::int64_t> taken_at) {
  auto list = parse_inventory_list(text, origin, taken_at);
  if (!list) return tl::unexpected(list.error());
  add(*list);
  return {};
}

Result<InventoryList> parse_inventory_list(const std::string& text, const std::string& origin,
                                           std::optional<std::int64_t> taken_at) {
  // A JSON List is split and parsed an item at a time; anything else (YAML, or JSON the split
  // rejects, for its message) is parsed whole.
  std::optional<JsonListItems> split = split_json_list(text);
  std::optional<std::vector<json>> documents;
  if (!split) {
    auto parsed = parse_documents(text, origin);
    if (!parsed) return tl::unexpected(parsed.error());
    if (parsed->size() != 1) {
      return make_error(ErrorKind::invalid_input,
                        fmt::format("{}: expected one Kubernetes List document, found {}", origin, parsed->size()));
    }
    documents = std::move(*parsed);
  }
  const json* whole = documents ? &documents->front() : nullptr;
  const std::string kind = whole ? string_at(*whole, "kind") : split->kind;
  if (!(kind == "List" || (kind.size() > 4 && kind.ends_with("List"))) ||
      (whole && !field(*whole, "items").is_array())) {
    return make_error(ErrorKind::invalid_input,
                      fmt::format("{}: not a Kubernetes List (kind '{}'); expected the output of '{}'", origin, kind,
                                  k_inventory_command));
  }
  InventoryList list;
  list.origin = origin;
  // A typed list (PodList) may omit each item's kind.
  const std::string item_kind = kind == "List" ? "" : kind.substr(0, kind.size() - 4);
  auto add_item = [&](const json& item) {
    std::string object_kind = string_at(item, "kind");
    if (object_kind.empty()) object_kind = item_kind;
    const json& metadata = field(item, "metadata");
    if (object_kind == "Pod") {
      list.pods.push_back(k8s::parse_pod(item));
    } else if (object_kind == "Service") {
      list.services.push_back(parse_service(item));
    } else if (object_kind == "Node") {
      list.nodes.push_back(parse_node(item));
    } else if (object_kind == "Namespace") {
      list.namespaces[string_at(metadata, "name")] = k8s::labels_at(field(metadata, "labels"));
    } else if (object_kind == "Endpoints" || object_kind == "EndpointSlice") {
      add_endpoints(item, object_kind, list.endpoints);
    } else if (is_workload_kind(object_kind)) {
      const std::string ns = k8s::namespace_of(metadata);
      const WorkloadRef ref{ns, object_kind, string_at(metadata, "name")};
      WorkloadInfo& info = list.workloads[ref];
      info.selector = k8s::parse_selector(field(field(item, "spec"), "selector"));
      const json& status = field(item, "status");
      info.last_run = parse_rfc3339(string_at(status, object_kind == "CronJob" ? "lastScheduleTime" : "startTime"));
      if (auto completed = parse_rfc3339(string_at(status, "completionTime"))) info.last_run = completed;
      if (object_kind == "ReplicationController") {
        // An RC's selector is a plain label map, not a LabelSelector.
        const json& selector = field(field(item, "spec"), "selector");
        if (selector.is_object() && !selector.contains("matchLabels")) {
          info.selector = LabelSelector{k8s::labels_at(selector), {}};
        }
      }
      std::optional<WorkloadRef> controller;
      if (auto owner = k8s::controller_of(metadata)) controller = WorkloadRef{ns, owner->first, owner->second};
      info.controller = controller;
      list.owner_links.emplace_back(ref, controller);
    }
  };
  if (whole) {
    for (const auto& item : field(*whole, "items")) add_item(item);
  } else {
    for (const auto& [item_text, line] : split->items) {
      auto item = parse_json(item_text, origin, line);
      if (!item) return tl::unexpected(item.error());
      add_item(*item);
    }
  }
  if (!list.pods.empty()) {
    std::int64_t time = taken_at.value_or(0);
    for (const auto& pod : list.pods) time = std::max(time, pod.latest_time);
    for (auto& pod : list.pods) pod.seen_until = time;
    list.snapshot_time = time;
  }
  documents.reset();
  split.reset();
#ifdef __GLIBC__
  // The document model of a large inventory is gone now; hand its pages back so the peak
  // memory of a run is not the inventory's plus the flow tables'.
  malloc_trim(0);
#endif
  return list;
}

void Inventory::add(const InventoryList& list) {
  m_pods.insert(m_pods.end(), list.pods.begin(), list.pods.end());
  m_services.insert(m_services.end(), list.services.begin(), list.services.end());
  m_nodes.insert(m_nodes.end(), list.nodes.begin(), list.nodes.end());
  for (const auto& [name, labels] : list.namespaces) m_namespaces[name] = labels;
  for (const auto& [ref, info] : list.workloads) m_workloads[ref] = info;
  for (const auto& [ref, controller] : list.owner_links) m_owners.add(ref, controller);
  merge_endpoints(list.endpoints, m_endpoints);
  if (list.snapshot_time) {
    auto& namespaces = m_snapshots[*list.snapshot_time];
    for (const auto& pod : list.pods) namespaces.insert(pod.namespace_name);
  }
  index();
}

void Inventory::index() {
  // The same object from two inventories (or listed twice) counts once: the later copy wins.
  auto dedupe = [](auto& objects, auto key) {
    std::map<decltype(key(objects.front())), std::size_t> last;
    for (std::size_t i = 0; i < objects.size(); ++i) last[key(objects[i])] = i;
    if (last.size() == objects.size()) return;
    std::remove_reference_t<decltype(objects)> kept;
    for (std::size_t i = 0; i < objects.size(); ++i) {
      if (last[key(objects[i])] == i) kept.push_back(std::move(objects[i]));
    }
    objects = std::move(kept);
  };
  if (!m_pods.empty()) {
    // Several snapshots list a pod: the copy of the latest one wins, whatever the order given.
    std::stable_sort(m_pods.begin(), m_pods.end(),
                     [](const Pod& a, const Pod& b) { return a.seen_until < b.seen_until; });
    dedupe(m_pods, [](const Pod& p) { return std::make_pair(p.namespace_name, p.name); });
    set_leases();
  }
  if (!m_services.empty())
    dedupe(m_services, [](const Service& s) { return std::make_pair(s.namespace_name, s.name); });
  if (!m_nodes.empty()) dedupe(m_nodes, [](const Node& n) { return n.name; });
  for (auto& pod : m_pods) {
    m_namespaces.try_emplace(pod.namespace_name);
    pod.owner = m_owners.root_of(pod.controller, pod.labels);
  }
  for (auto& service : m_services) m_namespaces.try_emplace(service.namespace_name);

  m_pods_by_ip.clear();
  m_pod_by_name.clear();
  m_service_by_name.clear();
  m_service_by_ip.clear();
  m_node_by_ip.clear();
  m_listening.clear();
  for (std::size_t i = 0; i < m_nodes.size(); ++i) {
    for (const auto& ip : m_nodes[i].addresses) m_node_by_ip.emplace(ip, i);
  }
  for (std::size_t i = 0; i < m_pods.size(); ++i) {
    const Pod& pod = m_pods[i];
    m_pod_by_name.emplace(std::make_pair(pod.namespace_name, pod.name), i);
    for (const auto& ip : pod.ips) {
      if (!pod.host_network) m_pods_by_ip[ip].push_back(i);
      for (const auto& port : pod.ports) m_listening.insert(ListenKey{ip, port.port, port.protocol});
    }
  }
  // An address is one pod's at a time: a pod that ended (or whose end is unknown but bounded by a
  // snapshot) released it no later than the next holder started.
  for (const auto& [ip, holders] : m_pods_by_ip) {
    if (holders.size() < 2) continue;
    for (std::size_t index : holders) {
      Pod& pod = m_pods[index];
      if (!pod.lease_end || !pod.start_time) continue;
      for (std::size_t other : holders) {
        const auto& next_start = m_pods[other].start_time;
        if (other != index && next_start && *next_start > *pod.start_time && *next_start < *pod.lease_end) {
          pod.lease_end = *next_start;
        }
      }
    }
  }
  for (std::size_t i = 0; i < m_services.size(); ++i) {
    const Service& service = m_services[i];
    m_service_by_name.emplace(std::make_pair(service.namespace_name, service.name), i);
    for (const auto& ip : service.cluster_ips) {
      m_service_by_ip.emplace(ip, i);
      for (const auto& port : service.ports) m_listening.insert(ListenKey{ip, port.port, port.protocol});
    }
    for (const Pod* pod : service_backends(service)) {
      for (const auto& port : service.ports) {
        auto target = resolve_target_port(port, *pod);
        if (!target) continue;
        for (const auto& ip : pod->ips) m_listening.insert(ListenKey{ip, *target, port.protocol});
      }
    }
  }
  m_endpoint_addresses.clear();
  for (const auto& [key, endpoints] : m_endpoints) {
    const Service* service = service_by_name(key.first, key.second);
    if (service && service->selector) continue;  // pods behind a selector are pods
    for (const auto& ip : endpoints.addresses) {
      m_endpoint_addresses.insert(ip);
      for (const auto& port : endpoints.ports) m_listening.insert(ListenKey{ip, port.port, port.protocol});
    }
  }
}

const Pod* Inventory::pod_by_name(const std::string& namespace_name, const std::string& name) const {
  return lookup(m_pod_by_name, {namespace_name, name}, m_pods);
}

std::optional<WorkloadRef> Inventory::workload_named(const std::string& namespace_name, const std::string& name) const {
  std::optional<WorkloadRef> found;
  auto consider = [&](const WorkloadRef& ref) {
    if (ref.namespace_name != namespace_name || ref.name != name || (found && *found == ref)) return true;
    if (found) return false;  // two kinds of one name: the name alone does not say which
    found = ref;
    return true;
  };
  for (const auto& pod : m_pods) {
    if (!consider(pod.owner)) return std::nullopt;
  }
  for (const auto& [ref, info] : m_workloads) {
    if (!consider(ref)) return std::nullopt;
  }
  return found;
}

const Service* Inventory::service_by_ip(const IpAddress& ip) const { return lookup(m_service_by_ip, ip, m_services); }

const Service* Inventory::service_by_name(const std::string& namespace_name, const std::string& name) const {
  return lookup(m_service_by_name, {namespace_name, name}, m_services);
}

const Node* Inventory::node_by_ip(const IpAddress& ip) const { return lookup(m_node_by_ip, ip, m_nodes); }

std::vector<const Pod*> Inventory::service_backends(const Service& service) const {
  std::vector<const Pod*> backends;
  if (!service.selector) return backends;
  for (const auto& pod : m_pods) {
    if (pod.namespace_name == service.namespace_name && !pod.terminated && service.selector->matches(pod.labels)) {
      backends.push_back(&pod);
    }
  }
  return backends;
}

std::optional<std::uint16_t> Inventory::resolve_target_port(const ServicePort& port, const Pod& pod) const {
  if (port.target_port.empty()) return port.port;
  if (port.target_port.size() <= 5 && port.target_port.find_first_not_of("0123456789") == std::string::npos) {
    const long value = std::stol(port.target_port);
    if (value < 1 || value > 65535) return std::nullopt;
    return static_cast<std::uint16_t>(value);
  }
  for (const auto& container_port : pod.ports) {
    if (container_port.name == port.target_port && container_port.protocol == port.protocol) {
      return container_port.port;
    }
  }
  return std::nullopt;
}

bool Inventory::listens_on(const IpAddress& ip, std::uint16_t port, Protocol protocol) const {
  return !m_listening.empty() && m_listening.contains(ListenKey{ip, port, protocol});
}

}  // namespace netobs
