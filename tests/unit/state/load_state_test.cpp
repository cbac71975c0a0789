#include <map>
#include <string>

#include <gtest/gtest.h>

#include <netobs/state.hpp>

#include "testutil/temp_dir.hpp"
#include "util/document.hpp"

namespace netobs {
namespace {

// A finished pod (no time stamp past 10:00) and a running one of a Deployment, with their owners.
const char* k_state_shop = R"({"apiVersion":"v1","kind":"List","items":[
  {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","labels":{"team":"a"}}},
  {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-7d9c8b6f5","namespace":"shop",
   "ownerReferences":[{"kind":"Deployment","name":"web","controller":true}]}},
  {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-7d9c8b6f5-abcde","namespace":"shop","labels":{"app":"web"},
   "ownerReferences":[{"kind":"ReplicaSet","name":"web-7d9c8b6f5","controller":true}]},
   "spec":{"containers":[{"name":"c"}]},
   "status":{"phase":"Running","podIP":"10.0.1.5","startTime":"2025-11-24T09:00:00Z"}},
  {"apiVersion":"v1","kind":"Pod","metadata":{"name":"once","namespace":"shop","labels":{"app":"once"}},
   "spec":{"containers":[{"name":"c"}]},
   "status":{"phase":"Failed","podIP":"10.0.1.6","startTime":"2025-11-24T10:00:00Z"}}
]})";

const char* k_state_db = R"({"apiVersion":"v1","kind":"List","items":[
  {"apiVersion":"v1","kind":"Pod","metadata":{"name":"db-0","namespace":"data","labels":{"app":"db"},
   "ownerReferences":[{"kind":"StatefulSet","name":"db","controller":true}]},
   "spec":{"containers":[{"name":"c"}]},
   "status":{"phase":"Running","podIP":"10.0.2.7","startTime":"2025-11-24T08:00:00Z"}}
]})";

const char* k_state_policy = R"(apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
)";

// 2025-11-24T12:00:00Z: two hours after the last time stamp of k_state_shop's pods.
constexpr std::int64_t k_state_read_at = 1763985600;

// A reader that counts what it is asked for, for the "parsed once" checks.
struct CountingFileReader {
  std::map<std::string, int> reads;
  StateFileReader reader() {
    return [this](const std::string& path) {
      ++reads[path];
      return read_text_file(path);
    };
  }
};

struct FakeClusterReader {
  int reads = 0;
  ClusterReadOptions asked;
  StateClusterReader reader() {
    return [this](const ClusterReadOptions& options) -> Result<ClusterSnapshot> {
      ++reads;
      asked = options;
      ClusterSnapshot snapshot;
      snapshot.origin = "cluster test (https://kube.test)";
      snapshot.list = k_state_shop;
      snapshot.policies = R"({"apiVersion":"v1","kind":"List","items":[{"apiVersion":"networking.k8s.io/v1",
        "kind":"NetworkPolicy","metadata":{"name":"live","namespace":"shop"},"spec":{"podSelector":{}}}]})";
      snapshot.taken_at = k_state_read_at;
      return snapshot;
    };
  }
};

const ClusterPod* find_state_pod(const ManifestSet& set, const std::string& name) {
  for (const auto* pods : {&set.pods, &set.finished_pods}) {
    for (const auto& pod : *pods) {
      if (pod.name == name) return &pod;
    }
  }
  return nullptr;
}

TEST(LoadState, ReadsEachInventoryFileOnceForEveryView) {
  const testing::TempDir dir;
  const std::string shop = dir.write("shop.json", k_state_shop);
  const std::string db = dir.write("db.json", k_state_db);
  CountingFileReader counter;
  StateOptions options;
  options.manifests = {dir.write("policy.yaml", k_state_policy)};
  options.inventories = {shop, db};
  options.read_file = counter.reader();
  auto state = load_state(options);
  ASSERT_TRUE(state) << state.error().message;
  EXPECT_EQ(counter.reads, (std::map<std::string, int>{{db, 1}, {shop, 1}}));
  // Both views hold what the files said: the inventory for attribution, the manifests for analysis.
  EXPECT_TRUE(state->inventory.pod_by_name("shop", "web-7d9c8b6f5-abcde"));
  EXPECT_TRUE(state->inventory.pod_by_name("data", "db-0"));
  ASSERT_EQ(state->manifests.policies.size(), 1U);
  const ClusterPod* web = find_state_pod(state->manifests, "web-7d9c8b6f5-abcde");
  ASSERT_TRUE(web);
  EXPECT_EQ(web->owner, (WorkloadRef{"shop", "Deployment", "web"}));
  EXPECT_EQ(web->location.file, shop);
  ASSERT_TRUE(find_state_pod(state->manifests, "db-0"));
  EXPECT_EQ(find_state_pod(state->manifests, "db-0")->location.file, db);
  EXPECT_EQ(state->manifests.namespaces.at("shop").at("team"), "a");
  EXPECT_EQ(state->inventory_files, (std::vector<std::string>{shop, db}));
  EXPECT_FALSE(state->snapshot_time);
}

TEST(LoadState, ReadsTheClusterOnceForEveryView) {
  FakeClusterReader cluster;
  StateOptions options;
  options.from_cluster = true;
  options.cluster.namespaces = {"shop"};
  options.read_cluster = cluster.reader();
  auto state = load_state(options);
  ASSERT_TRUE(state) << state.error().message;
  EXPECT_EQ(cluster.reads, 1);
  EXPECT_EQ(cluster.asked.namespaces, std::vector<std::string>{"shop"});
  EXPECT_TRUE(state->inventory.pod_by_name("shop", "web-7d9c8b6f5-abcde"));
  ASSERT_EQ(state->manifests.policies.size(), 1U);
  EXPECT_EQ(state->manifests.policies.front().name, "live");
  const ClusterPod* web = find_state_pod(state->manifests, "web-7d9c8b6f5-abcde");
  ASSERT_TRUE(web);
  EXPECT_EQ(web->owner, (WorkloadRef{"shop", "Deployment", "web"}));
  EXPECT_EQ(state->manifests.namespaces.at("shop").at("team"), "a");
  ASSERT_TRUE(state->cluster);
  EXPECT_TRUE(state->cluster->list.empty()) << "the List is dropped once parsed";
}

TEST(LoadState, TheSnapshotTimeReachesEveryView) {
  for (const StateViews views : {StateViews::inventory_and_manifests, StateViews::inventory_only}) {
    FakeClusterReader cluster;
    StateOptions options;
    options.from_cluster = true;
    options.views = views;
    options.read_cluster = cluster.reader();
    auto state = load_state(options);
    ASSERT_TRUE(state) << state.error().message;
    EXPECT_EQ(state->snapshot_time, k_state_read_at);
    // The failed pod was listed at the read: it held its address until then, not only until its
    // last time stamp (10:00), whichever command asks.
    const IpAddress address = *parse_ip("10.0.1.6");
    const IpHolder at_eleven = state->inventory.holder_at(address, k_state_read_at - 3600);
    EXPECT_EQ(at_eleven.status, IpHolder::Status::pod);
    ASSERT_TRUE(state->inventory.pod_by_name("shop", "once"));
    EXPECT_EQ(state->inventory.pod_by_name("shop", "once")->seen_until, k_state_read_at);
    if (views == StateViews::inventory_and_manifests) {
      // The manifests leave finished pods out; the running one was seen at the read.
      const ClusterPod* web = find_state_pod(state->manifests, "web-7d9c8b6f5-abcde");
      ASSERT_TRUE(web);
      EXPECT_EQ(web->seen_until, k_state_read_at);
    } else {
      EXPECT_TRUE(state->manifests.pods.empty());
    }
  }
}

TEST(LoadState, KubernetesListsAmongTheFlowsAreTheInventory) {
  const testing::TempDir dir;
  const std::string list = dir.write("flows/cluster.json", k_state_db);
  dir.write("flows/vpc.log",
            "2 123456789012 eni-1 10.0.2.7 10.0.1.5 443 8080 6 1 40 1763985600 1763985660 ACCEPT OK\n");
  CountingFileReader counter;
  StateOptions options;
  options.flow_sources = {(dir.path() / "flows").string()};
  options.read_file = counter.reader();
  auto state = load_state(options);
  ASSERT_TRUE(state) << state.error().message;
  EXPECT_EQ(state->inventory_files, std::vector<std::string>{list});
  EXPECT_EQ(state->lists_found, std::vector<std::string>{list});
  EXPECT_EQ(counter.reads[list], 1);
  EXPECT_TRUE(state->inventory.pod_by_name("data", "db-0"));
  // Given inventories, or a cluster read, the flows are flows only.
  options.inventories = {dir.write("shop.json", k_state_shop)};
  state = load_state(options);
  ASSERT_TRUE(state) << state.error().message;
  EXPECT_TRUE(state->lists_found.empty());
  EXPECT_FALSE(state->inventory.pod_by_name("data", "db-0"));
}

TEST(LoadState, ErrorsNameTheSource) {
  const testing::TempDir dir;
  StateOptions options;
  options.inventories = {dir.write("pods.yaml", "kind: Pod\nmetadata: {name: x}\n")};
  auto state = load_state(options);
  ASSERT_FALSE(state);
  EXPECT_NE(state.error().message.find("pods.yaml"), std::string::npos) << state.error().message;
  options.inventories.clear();
  options.from_cluster = true;
  options.read_cluster = [](const ClusterReadOptions&) -> Result<ClusterSnapshot> {
    return make_error(ErrorKind::forbidden, "cluster test: pods is forbidden");
  };
  state = load_state(options);
  ASSERT_FALSE(state);
  EXPECT_EQ(state.error().kind, ErrorKind::forbidden);
}

}  // namespace
}  // namespace netobs
