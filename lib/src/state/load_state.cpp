// The one cluster-state loader: every command's manifests, inventories and cluster read come
// through here, each source parsed once.
#include <utility>

#include <netobs/ingest.hpp>
#include <netobs/state.hpp>

#include "util/document.hpp"

namespace netobs {
namespace {

// Adds one parsed inventory (or the cluster's List) to the views the options ask for. The
// manifest set takes the pods of each source as that source alone resolves them, as a file of
// manifests would: one inventory's owner chains do not rename another's pods.
void add_source(ClusterState& state, const InventoryList& list, const StateOptions& options) {
  state.inventory.add(list);
  if (options.views == StateViews::inventory_only) return;
  Inventory alone;
  alone.add(list);
  add_inventory(state.manifests, alone, list.origin);
}

// The inventory files: those given, or else (with no cluster read) the Kubernetes Lists among
// the flow sources.
Result<void> find_inventory_files(ClusterState& state, const StateOptions& options) {
  state.inventory_files = options.inventories;
  if (!options.inventories.empty() || options.from_cluster || options.flow_sources.empty()) return {};
  IngestOptions ingest;
  ingest.format = options.sources_format;
  auto lists = kubernetes_lists_among(options.flow_sources, ingest);
  if (!lists) return tl::unexpected(lists.error());
  state.inventory_files = *lists;
  state.lists_found = std::move(*lists);
  return {};
}

Result<void> read_cluster_into(ClusterState& state, const StateOptions& options) {
  auto snapshot = options.read_cluster ? options.read_cluster(options.cluster) : read_cluster(options.cluster);
  if (!snapshot) return tl::unexpected(snapshot.error());
  // The read's time bounds every lease, whichever view asks.
  auto list = parse_inventory_list(snapshot->list, snapshot->origin, snapshot->taken_at);
  if (!list) return tl::unexpected(list.error());
  snapshot->list = std::string();
  state.snapshot_time = snapshot->taken_at;
  if (options.views == StateViews::inventory_and_manifests) {
    // Policies from the List of policies only; pods, namespaces and nodes from the parsed
    // List, with owners resolved through ReplicaSets and Jobs as the inventory resolves them.
    auto live = load_manifest_text(snapshot->policies, snapshot->origin);
    if (!live) return tl::unexpected(live.error());
    Inventory alone;
    alone.add(*list);
    add_inventory(*live, alone, snapshot->origin);
    merge_manifests(state.manifests, std::move(*live));
  }
  state.inventory.add(*list);
  state.cluster = std::move(*snapshot);
  return {};
}

}  // namespace

Result<ClusterState> load_state(const StateOptions& options) {
  ClusterState state;
  if (auto found = find_inventory_files(state, options); !found) return tl::unexpected(found.error());
  if (options.views == StateViews::inventory_and_manifests && !options.manifests.empty()) {
    auto set = load_manifests(options.manifests, options.input_errors);
    if (!set) return tl::unexpected(set.error());
    state.manifests = std::move(*set);
  }
  for (const auto& path : state.inventory_files) {
    auto text = options.read_file ? options.read_file(path) : read_text_file(path);
    if (!text) return tl::unexpected(text.error());
    auto list = parse_inventory_list(*text, input_name(path));
    if (!list) return tl::unexpected(list.error());
    add_source(state, *list, options);
  }
  if (options.from_cluster) {
    if (auto read = read_cluster_into(state, options); !read) return tl::unexpected(read.error());
  }
  return state;
}

}  // namespace netobs
