// The cluster inventory: what `kubectl get namespaces,nodes,pods,services,deployments,... -A -o json`
// (or -o yaml) prints. It maps addresses to pods, Services and nodes, resolves each pod to its root
// owner (the workload a policy is written for) and knows which ports pods listen on.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <netobs/error.hpp>
#include <netobs/flow.hpp>
#include <netobs/ip.hpp>
#include <netobs/kube.hpp>
#include <netobs/labels.hpp>
#include <netobs/pod.hpp>
#include <netobs/workload.hpp>

namespace netobs {

// The command that writes an inventory netobs reads whole: every kind it uses, the API server's
// endpoints included.
inline constexpr const char* k_inventory_command =
    "kubectl get "
    "namespaces,nodes,pods,services,endpoints,endpointslices,deployments,statefulsets,daemonsets,replicasets,jobs,"
    "cronjobs -A -o json";

struct ServicePort {
  Protocol protocol = Protocol::tcp;
  std::uint16_t port = 0;
  std::string target_port;  // a number or a container port name; empty means `port`
};

struct Service {
  std::string namespace_name;
  std::string name;
  std::vector<IpAddress> cluster_ips;
  std::optional<LabelSelector> selector;  // absent for Services without a selector
  std::vector<ServicePort> ports;
};

struct Node {
  std::string name;
  std::vector<IpAddress> addresses;  // InternalIP and ExternalIP
  Labels labels;                     // for the `nodes` peers of cluster network policies
};

// What the inventory knows of a workload beyond its pods.
struct WorkloadInfo {
  std::optional<LabelSelector> selector;  // spec.selector of the owning object, when present
  // Unix seconds of the last run: a CronJob's status.lastScheduleTime, a Job's status.completionTime
  // or, while it runs, its status.startTime (a Job that started before a window and ended in it ran
  // in it).
  std::optional<std::int64_t> last_run;
  // The object that controls it (ownerReferences): a Job's CronJob, a ReplicaSet's Deployment.
  std::optional<WorkloadRef> controller;
};

// The addresses behind a Service as its Endpoints or EndpointSlices list them: for Services
// without a selector (the API server's `default/kubernetes`), the only way to know them.
struct EndpointPort {
  std::string name;
  Protocol protocol = Protocol::tcp;
  std::uint16_t port = 0;
};

struct ServiceEndpoints {
  std::vector<IpAddress> addresses;
  std::vector<EndpointPort> ports;
};

// Who held a pod address at a time, from the pods' address leases (see Inventory::holder_at).
struct IpHolder {
  enum class Status : std::uint8_t {
    not_a_pod_address,  // no inventoried pod ever held it: a node, Service or outside address
    pod,                // exactly one pod held it then
    ambiguous,          // two pods claim it at that time (or no time and several holders)
    unattributed,       // a pod address, but no pod held it at that time
  };
  Status status = Status::not_a_pod_address;
  const Pod* pod = nullptr;
  // The times for which the same question about this address has this answer: [from, until).
  std::int64_t valid_from = INT64_MIN;
  std::int64_t valid_until = INT64_MAX;
};

// The identity netobs gives a pod address it cannot attribute at a record's time, as a Cilium
// reserved identity's name: "netobs:ambiguous-pod-address" (two pods claim it then) or
// "netobs:unheld-pod-address" (none held it); empty for pod and not_a_pod_address. Such ends are
// reported and never written into a policy; saved edge files keep the name.
std::string_view holder_identity(IpHolder::Status status);
// The status whose holder_identity is `reserved`; nullopt for any other name.
std::optional<IpHolder::Status> holder_status_of(std::string_view reserved);

// The workload kinds that own pods through a pod template (and, for ReplicaSets and Jobs, may be
// owned in turn: by a Deployment, by a CronJob).
bool is_workload_kind(const std::string& kind);

// Owner links between workload objects, as their ownerReferences name them (a ReplicaSet's
// Deployment, a Job's CronJob): the way from a pod's controller to its root owner, the workload a
// policy is written for. The inventory and the manifest loader both resolve owners with it, so a
// List read either way names its workloads alike.
class OwnerChains {
 public:
  // Whether a ReplicaSet named <name>-<pod-template-hash> whose object is missing belongs to
  // Deployment <name> even when no Deployment object was recorded: an inventory is the whole
  // cluster, where only a Deployment makes such names; manifests are what their author wrote (the
  // np-guard suite's pods name a ReplicaSet and nothing else).
  enum class Deployments : std::uint8_t { assumed, recorded_only };
  explicit OwnerChains(Deployments deployments = Deployments::assumed) : m_deployments(deployments) {}

  // Records a workload object and its controller (ownerReferences), when it has one.
  void add(const WorkloadRef& workload, const std::optional<WorkloadRef>& controller);
  // The root owner of `controller` (a pod's direct controller, or a workload object itself).
  // Without the ReplicaSet or Job object, the naming conventions of their controllers stand in: a
  // ReplicaSet named <deployment>-<pod-template-hash> (from `pod_labels`) is that Deployment's (see
  // Deployments), a Job named <cronjob>-<digits> that CronJob's when the CronJob was recorded.
  WorkloadRef root_of(const WorkloadRef& controller, const Labels& pod_labels = {}) const;

 private:
  std::map<WorkloadRef, WorkloadRef> m_parents;  // workload -> its controller
  std::set<WorkloadRef> m_workloads;             // every workload object recorded
  Deployments m_deployments;
};

// The objects of one `kubectl get -o json|yaml` List as parsed, before an Inventory indexes
// them. The cluster-state loader (state.hpp) parses each inventory once into one and builds every
// Inventory that needs that source from it, so no view parses the text again.
struct InventoryList {
  std::string origin;
  std::vector<Pod> pods;  // each with seen_until at the List's snapshot time
  std::vector<Service> services;
  std::vector<Node> nodes;
  std::map<std::string, Labels> namespaces;  // from Namespace objects
  std::map<WorkloadRef, WorkloadInfo> workloads;
  // Each workload object and its controller, in the List's order (a later copy adds to an earlier).
  std::vector<std::pair<WorkloadRef, std::optional<WorkloadRef>>> owner_links;
  std::map<std::pair<std::string, std::string>, ServiceEndpoints> endpoints;  // (namespace, service)
  // The List's time when it holds pods: `taken_at`, or else the latest time stamp of its pods.
  std::optional<std::int64_t> snapshot_time;
};

// Parses one List. Returns an invalid_input error naming `origin` when the document is not a
// Kubernetes List.
Result<InventoryList> parse_inventory_list(const std::string& text, const std::string& origin,
                                           std::optional<std::int64_t> taken_at = std::nullopt);

class Inventory {
 public:
  // Adds the objects of a List parsed already; as load_text, without parsing again.
  void add(const InventoryList& list);
  // Adds the objects of one `kubectl get -o json|yaml` List. Returns an invalid_input error naming
  // `path` when the document is not a Kubernetes List, and an io error when it cannot be read.
  // Each List is a snapshot: a pod that an earlier snapshot lists and a later one of its
  // namespace does not had released its addresses by then. A snapshot's time is `taken_at`, or
  // else the latest time stamp of its pods (a lower bound: a lease never ends too late).
  Result<void> load_file(const std::filesystem::path& path);
  // The same, from text already in memory; `origin` names it in messages.
  Result<void> load_text(const std::string& text, const std::string& origin,
                         std::optional<std::int64_t> taken_at = std::nullopt);

  // Applies pod changes a watch saw during a collection (see kube.hpp): an upsert adds or replaces
  // a pod, a deletion ends its lease when it was deleted, a relist ends the leases of the pods of
  // its scope that are gone. Pods (and pointers to them) move: attribution caches must be dropped.
  void apply_pod_events(const std::vector<PodEvent>& events);

  const std::vector<Pod>& pods() const { return m_pods; }
  const std::vector<Service>& services() const { return m_services; }
  const std::vector<Node>& nodes() const { return m_nodes; }
  const std::map<std::string, Labels>& namespaces() const { return m_namespaces; }
  const std::map<WorkloadRef, WorkloadInfo>& workloads() const { return m_workloads; }
  bool empty() const { return m_pods.empty() && m_services.empty() && m_nodes.empty(); }

  // The pod (not host-network) that holds `ip` now, or null: a running pod is preferred over one
  // that has terminated, a later one over an earlier one.
  const Pod* pod_by_ip(const IpAddress& ip) const;
  // Who held `ip` at `seen_at` (Unix seconds; 0 = unknown). A pod holds its addresses from its
  // start (startTime, else creationTimestamp) to its lease end: its deletionTimestamp, when its
  // containers finished, or the last snapshot that listed it. Exporters' clocks may be off: an
  // interval widened by a minute counts when no pod holds the address exactly then. Without a
  // time, the one pod that still holds it.
  IpHolder holder_at(const IpAddress& ip, std::int64_t seen_at) const;
  const Pod* pod_by_name(const std::string& namespace_name, const std::string& name) const;
  // The workload of any kind named `name` in the namespace (metrics name workloads without their
  // kind); nullopt when none is, or workloads of two kinds are.
  std::optional<WorkloadRef> workload_named(const std::string& namespace_name, const std::string& name) const;
  const Service* service_by_ip(const IpAddress& ip) const;
  const Service* service_by_name(const std::string& namespace_name, const std::string& name) const;
  // The node that owns `ip` as one of its addresses, or null.
  const Node* node_by_ip(const IpAddress& ip) const;
  // Pods in the Service's namespace that its selector picks.
  std::vector<const Pod*> service_backends(const Service& service) const;
  // Resolves a Service's target port for one backend: a named target port against its container
  // ports; nullopt when it cannot be resolved on that pod.
  std::optional<std::uint16_t> resolve_target_port(const ServicePort& port, const Pod& pod) const;
  // The Endpoints/EndpointSlices of a Service, or null when the inventory has none.
  const ServiceEndpoints* endpoints_of(const Service& service) const;
  // The endpoint addresses of the API server (the `kubernetes` Service in `default`), sorted.
  std::vector<IpAddress> apiserver_addresses() const;
  // True when `ip` is an endpoint address of a Service without a selector: explained, though no pod.
  bool is_service_endpoint(const IpAddress& ip) const;

  // True when the inventory says something at `ip` accepts connections on `port`/`protocol`
  // (a container port of a pod or host-network pod there, or a Service port or its target port).
  bool listens_on(const IpAddress& ip, std::uint16_t port, Protocol protocol) const;

 private:
  void set_leases();
  void index();
  std::vector<Pod> m_pods;
  std::vector<Service> m_services;
  std::vector<Node> m_nodes;
  std::map<std::string, Labels> m_namespaces;
  std::map<WorkloadRef, WorkloadInfo> m_workloads;
  std::map<std::pair<std::string, std::string>, ServiceEndpoints> m_endpoints;  // (namespace, service)
  OwnerChains m_owners;  // of ReplicaSets and Jobs, to their Deployments and CronJobs
  std::unordered_map<IpAddress, std::vector<std::size_t>, IpAddressHash> m_pods_by_ip;
  std::map<std::pair<std::string, std::string>, std::size_t> m_pod_by_name;      // (namespace, name)
  std::map<std::pair<std::string, std::string>, std::size_t> m_service_by_name;  // (namespace, name)
  std::unordered_map<IpAddress, std::size_t, IpAddressHash> m_service_by_ip;
  std::unordered_map<IpAddress, std::size_t, IpAddressHash> m_node_by_ip;
  std::set<IpAddress> m_endpoint_addresses;  // of Services without a selector
  // Exact (address, port, protocol) keys: a hash alone would answer wrongly on a collision.
  struct ListenKey {
    IpAddress ip;
    std::uint16_t port = 0;
    Protocol protocol = Protocol::tcp;
    bool operator==(const ListenKey&) const = default;
  };
  struct ListenKeyHash {
    std::size_t operator()(const ListenKey& key) const {
      return IpAddressHash{}(key.ip) ^
             ((static_cast<std::size_t>(key.port) << 8 | static_cast<std::size_t>(key.protocol)) *
              0x9e3779b97f4a7c15ULL);
    }
  };
  std::unordered_set<ListenKey, ListenKeyHash> m_listening;
  std::map<std::int64_t, std::set<std::string>> m_snapshots;  // time -> namespaces its pods are in
};

}  // namespace netobs
