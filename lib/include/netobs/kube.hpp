// Reading a cluster's state from its Kubernetes API server (kubeconfig, exec plugins, in-cluster
// service account): namespaces, nodes, pods, Services, Endpoints, workload objects and NetworkPolicies, as
// one `kind: List` that the inventory and the manifest loader read like `kubectl get -o json`.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <netobs/error.hpp>

namespace netobs {

struct ClusterReadOptions {
  std::string kubeconfig;               // --kubeconfig; empty: $KUBECONFIG, ~/.kube/config, then in-cluster
  std::string context;                  // --context; empty: current-context
  std::vector<std::string> namespaces;  // empty: all namespaces
  double request_timeout = 30;          // seconds per request
  int max_attempts = 5;                 // per request, on 429, 5xx and connection failures
  double max_backoff = 8;               // seconds between attempts (Retry-After is honoured up to this)
  std::size_t page_size = 500;          // `limit` of each list request
};

struct ClusterSnapshot {
  std::string origin;              // "cluster <context> (<server>)", for messages
  std::string list;                // {"apiVersion":"v1","kind":"List","items":[...]}, each item with its kind
  std::string policies;            // the same List holding only the policies (of every kind the engine reads)
  std::vector<std::string> notes;  // what could not be read and was left out (e.g. nodes: forbidden)
  // Optional resources the server refused (403) or does not serve (404), each with what is lost.
  std::vector<std::string> warnings;
  // Where each pod list ended: namespace ("" = all) -> resourceVersion, for watching pods on.
  std::map<std::string, std::string> pod_versions;
  std::int64_t taken_at = 0;  // Unix seconds when the lists were read
};

// Lists every kind netobs uses, following pagination (a 410 on `continue` restarts the list).
// Namespaces, pods and NetworkPolicies are required; nodes, Services and workload controllers are
// left out with a note when forbidden; Endpoints, EndpointSlices, Jobs and CronJobs with a warning
// when forbidden or not served.
// Errors: forbidden (403, naming the verb and resource), not_served (404), kube_api (401, other statuses), network or
// timeout (unreachable, TLS failure), invalid_input (a bad kubeconfig or response), usage (no
// kubeconfig or context). Tokens and keys never appear in messages.
Result<ClusterSnapshot> read_cluster(const ClusterReadOptions& options);

// A change to the cluster's pods, from a watch.
struct PodEvent {
  enum class Type : std::uint8_t {
    upsert,    // added or modified: `object` is the Pod
    deleted,   // `object` is the Pod as it was last
    relisted,  // the watch expired and `scope` was listed again: its pods not in `present` are gone
  };
  Type type = Type::upsert;
  std::string object;                // the Pod as JSON text
  std::string scope;                 // relisted: the namespace ("" = all)
  std::vector<std::string> present;  // relisted: "namespace/name" of every pod listed
  std::int64_t time = 0;             // Unix seconds when netobs received it
};

// Follows the cluster's pods from a snapshot on (watch=1 from each pod list's resourceVersion,
// bookmarks followed, relisting on 410 Gone), in background threads, so the addresses' history
// stays complete during a long collection. Stops when destroyed.
class PodWatch {
 public:
  static Result<std::unique_ptr<PodWatch>> start(const ClusterReadOptions& options, const ClusterSnapshot& snapshot);
  ~PodWatch();
  PodWatch(const PodWatch&) = delete;
  PodWatch& operator=(const PodWatch&) = delete;

  // The events since the last call, in order of arrival.
  std::vector<PodEvent> take();
  // What went wrong or was noteworthy (a relist, a watch given up), for the summary.
  std::vector<std::string> notes() const;

  struct Impl;

 private:
  explicit PodWatch(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace netobs
