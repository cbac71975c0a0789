// The cluster state a command works on, loaded once: manifest files, inventories (`kubectl get
// -o json`) and the cluster itself (read from the API server once per run). Each file is parsed
// once; the inventory (for attributing flows) and the manifest set (for policy analysis) are built
// from what was parsed, and both carry the snapshot time of the cluster read, so a pod's lease
// ends alike whichever command asks.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <netobs/error.hpp>
#include <netobs/inventory.hpp>
#include <netobs/kube.hpp>
#include <netobs/manifest.hpp>

namespace netobs {

// How the loader reads a file and the cluster; tests substitute counting fakes.
using StateFileReader = std::function<Result<std::string>(const std::string& path)>;
using StateClusterReader = std::function<Result<ClusterSnapshot>(const ClusterReadOptions& options)>;

// Which views a command needs: the manifest set costs a pass over every inventory's pods.
enum class StateViews : std::uint8_t { inventory_and_manifests, inventory_only };

struct StateOptions {
  std::vector<std::string> manifests;    // manifest files or directories
  std::vector<std::string> inventories;  // inventory files
  // Flow sources beside which an inventory may lie: when no inventory is given and the cluster
  // is not read, the Kubernetes Lists among them are the inventory (`kubectl get -o json >
  // flows/cluster.json`). `sources_format` is the flow format they are read as ("auto": any).
  std::vector<std::string> flow_sources;
  std::string sources_format = "auto";
  InputErrors input_errors = InputErrors::report;  // a manifest file that does not parse
  bool from_cluster = false;
  ClusterReadOptions cluster;  // where the cluster is, and which namespaces to read
  StateViews views = StateViews::inventory_and_manifests;
  StateFileReader read_file;        // empty: the file system
  StateClusterReader read_cluster;  // empty: the Kubernetes API (read_cluster)
};

struct ClusterState {
  // Every inventory and the cluster, for attributing addresses to pods (and, for a watch during a
  // collection, the pods that come and go).
  Inventory inventory;
  // The manifest files, the pods of each inventory and the cluster's pods, namespaces, nodes and
  // NetworkPolicies (a file's copy of a policy wins); empty with StateViews::inventory_only.
  ManifestSet manifests;
  // The inventory files read: those given, or the Kubernetes Lists found among the flow sources.
  std::vector<std::string> inventory_files;
  std::vector<std::string> lists_found;  // the latter, for a note each
  // The cluster as read, when it was; its `list` is dropped once parsed (the inventory and the
  // manifests hold what it said).
  std::optional<ClusterSnapshot> cluster;
  // When the cluster was read: the time every view's leases are bounded by.
  std::optional<std::int64_t> snapshot_time;
};

// Loads the state. Errors: a manifest path, inventory or flow directory that cannot be read (io);
// an inventory that is not a Kubernetes List, a manifest file that does not parse with
// InputErrors::fail (invalid_input); whatever reading the cluster fails with (see read_cluster).
Result<ClusterState> load_state(const StateOptions& options);

// How messages name these input paths: "<stdin>" for "-", as every reader names it; ", " between.
std::string input_names(const std::vector<std::string>& paths);

}  // namespace netobs
