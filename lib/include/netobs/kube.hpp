// Reading a cluster's state from its Kubernetes API server (kubeconfig, exec plugins, in-cluster
// service account): namespaces, nodes, pods, Services, Endpoints, workload objects and NetworkPolicies, as
// one `kind: List` that the inventory and the manifest loader read like `kubectl get -o json`.
#pragma once

#include <string>
#include <vector>

#include <netobs/error.hpp>

namespace netobs {

struct ClusterReadOptions {
  std::string kubeconfig;  // --kubeconfig; empty: $KUBECONFIG, ~/.kube/config, then in-cluster
  std::string context;     // --context; empty: current-context
  std::vector<std::string> namespaces;  // empty: all namespaces
  double request_timeout = 30;          // seconds per request
  int max_attempts = 5;                 // per request, on 429, 5xx and connection failures
  double max_backoff = 8;               // seconds between attempts (Retry-After is honoured up to this)
  std::size_t page_size = 500;          // `limit` of each list request
};

struct ClusterSnapshot {
  std::string origin;  // "cluster <context> (<server>)", for messages
  std::string list;    // {"apiVersion":"v1","kind":"List","items":[...]}, each item with its kind
  std::string policies;  // the same List holding only the NetworkPolicies
  std::vector<std::string> notes;  // what could not be read and was left out (e.g. nodes: forbidden)
};

// Lists every kind netobs uses, following pagination (a 410 on `continue` restarts the list).
// Errors: forbidden (403, naming the verb and resource), kube_api (401, 404, other statuses), network or
// timeout (unreachable, TLS failure), invalid_input (a bad kubeconfig or response), usage (no
// kubeconfig or context). Tokens and keys never appear in messages.
Result<ClusterSnapshot> read_cluster(const ClusterReadOptions& options);

}  // namespace netobs
