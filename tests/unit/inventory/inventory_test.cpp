#include <gtest/gtest.h>

#include <netobs/inventory.hpp>

#include "testutil/pipeline.hpp"
#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

const char* k_list = R"({"apiVersion":"v1","kind":"List","items":[
  {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},
   "spec":{"selector":{"matchLabels":{"app":"web"}}}},
  {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-7d9c8b6f5","namespace":"shop",
   "ownerReferences":[{"kind":"Deployment","name":"web","controller":true}]}},
  {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-7d9c8b6f5-abcde","namespace":"shop","labels":{"app":"web","pod-template-hash":"7d9c8b6f5"},
   "ownerReferences":[{"kind":"ReplicaSet","name":"web-7d9c8b6f5","controller":true}]},
   "spec":{"nodeName":"n1","containers":[{"name":"c","ports":[{"name":"http","containerPort":8080},{"name":"dns","containerPort":5353,"protocol":"UDP"}]}]},
   "status":{"phase":"Running","podIP":"10.0.1.5","podIPs":[{"ip":"10.0.1.5"},{"ip":"fd00::5"}],"startTime":"2025-11-24T10:00:00Z"}},
  {"apiVersion":"v1","kind":"Pod","metadata":{"name":"batch-29380000-xyzab","namespace":"shop","labels":{"app":"batch"},
   "ownerReferences":[{"kind":"Job","name":"batch-29380000","controller":true}]},
   "spec":{"containers":[{"name":"c"}]},
   "status":{"phase":"Succeeded","podIP":"10.0.1.6","startTime":"2025-11-24T09:00:00Z"}},
  {"apiVersion":"v1","kind":"Pod","metadata":{"name":"api-6c5d4-xyz12","namespace":"shop","labels":{"app":"api"},
   "ownerReferences":[{"kind":"ReplicaSet","name":"api-6c5d4","controller":true}]},
   "spec":{"containers":[{"name":"c","ports":[{"name":"grpc","containerPort":9000}]}]},
   "status":{"phase":"Running","podIP":"10.0.1.6","startTime":"2025-11-24T11:00:00Z"}},
  {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"batch","namespace":"shop"}},
  {"apiVersion":"v1","kind":"Pod","metadata":{"name":"kube-proxy-x","namespace":"kube-system","labels":{"k8s-app":"kube-proxy"},
   "ownerReferences":[{"kind":"DaemonSet","name":"kube-proxy","controller":true}]},
   "spec":{"hostNetwork":true,"containers":[{"name":"c","ports":[{"containerPort":10249}]}]},"status":{"podIP":"10.0.0.10","phase":"Running"}},
  {"apiVersion":"v1","kind":"Node","metadata":{"name":"n1"},"status":{"addresses":[{"type":"InternalIP","address":"10.0.0.10"},{"type":"Hostname","address":"n1"}]}},
  {"apiVersion":"v1","kind":"Service","metadata":{"name":"api","namespace":"shop"},
   "spec":{"clusterIP":"172.20.0.5","selector":{"app":"api"},"ports":[{"port":80,"targetPort":"grpc"}]}},
  {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},
   "spec":{"clusterIP":"172.20.0.6","selector":{"app":"web"},"ports":[{"port":80,"targetPort":8080},{"port":81}]}}
]})";

TEST(Inventory, ResolvesRootOwners) {
  const Inventory inv = testing::inventory_from(k_list);
  const Pod* web = inv.pod_by_name("shop", "web-7d9c8b6f5-abcde");
  ASSERT_TRUE(web);
  EXPECT_EQ(web->owner, (WorkloadRef{"shop", "Deployment", "web"}));
  EXPECT_EQ(inv.pod_by_name("shop", "batch-29380000-xyzab")->owner, (WorkloadRef{"shop", "CronJob", "batch"}));
  // No ReplicaSet object for api: the pod-template-hash naming convention is not applicable
  // (no label), so the ReplicaSet is the owner.
  EXPECT_EQ(inv.pod_by_name("shop", "api-6c5d4-xyz12")->owner.kind, "ReplicaSet");
  EXPECT_EQ(inv.workloads().at({"shop", "Deployment", "web"}).selector->match_labels.at("app"), "web");
  EXPECT_TRUE(inv.namespaces().contains("kube-system"));
}

TEST(Inventory, PodIpsAndReuseOverTime) {
  const Inventory inv = testing::inventory_from(k_list);
  EXPECT_EQ(inv.pod_by_ip(*parse_ip("fd00::5"))->name, "web-7d9c8b6f5-abcde");
  // 10.0.1.6 was the finished batch pod's first, then the api pod's.
  EXPECT_EQ(inv.pod_by_ip(*parse_ip("10.0.1.6"))->name, "api-6c5d4-xyz12");
  const IpAddress reused = *parse_ip("10.0.1.6");
  EXPECT_EQ(inv.holder_at(reused, 1763976600).pod->name, "batch-29380000-xyzab");       // 09:30
  EXPECT_EQ(inv.holder_at(reused, 1763985600).pod->name, "api-6c5d4-xyz12");            // 12:00
  EXPECT_EQ(inv.holder_at(reused, 1763900000).status, IpHolder::Status::unattributed);  // before both
  // The finished batch pod's lease ends with the snapshot (no finishedAt): 10.0.1.6 is the
  // running api pod's when the time is unknown.
  EXPECT_EQ(inv.holder_at(reused, 0).pod->name, "api-6c5d4-xyz12");
  EXPECT_EQ(inv.holder_at(*parse_ip("10.0.1.5"), 1763985600).pod->name, "web-7d9c8b6f5-abcde");
  EXPECT_EQ(inv.holder_at(*parse_ip("10.9.9.9"), 1763985600).status, IpHolder::Status::not_a_pod_address);
  // Host-network pods are the node, not a pod address.
  EXPECT_EQ(inv.pod_by_ip(*parse_ip("10.0.0.10")), nullptr);
  EXPECT_EQ(inv.node_by_ip(*parse_ip("10.0.0.10"))->name, "n1");
}

TEST(Inventory, ListeningPortsFromContainersAndServices) {
  const Inventory inv = testing::inventory_from(k_list);
  EXPECT_TRUE(inv.listens_on(*parse_ip("10.0.1.5"), 8080, Protocol::tcp));
  EXPECT_TRUE(inv.listens_on(*parse_ip("10.0.1.5"), 5353, Protocol::udp));
  EXPECT_FALSE(inv.listens_on(*parse_ip("10.0.1.5"), 5353, Protocol::tcp));
  EXPECT_TRUE(inv.listens_on(*parse_ip("172.20.0.5"), 80, Protocol::tcp));
  EXPECT_TRUE(inv.listens_on(*parse_ip("10.0.1.5"), 81, Protocol::tcp));  // targetPort defaults to port
  EXPECT_TRUE(inv.listens_on(*parse_ip("10.0.0.10"), 10249, Protocol::tcp));
  const Service* api = inv.service_by_ip(*parse_ip("172.20.0.5"));
  ASSERT_TRUE(api);
  const auto backends = inv.service_backends(*api);
  ASSERT_EQ(backends.size(), 1U);
  EXPECT_EQ(inv.resolve_target_port(api->ports[0], *backends[0]), 9000);
}

TEST(Inventory, YamlInventoryAndTypedLists) {
  const Inventory inv = testing::inventory_from(R"(
apiVersion: v1
kind: PodList
items:
- metadata:
    name: db-0
    namespace: data
    labels: {app: db, "version": "1.10"}
  spec:
    containers: [{name: c, ports: [{containerPort: 5432}]}]
  status: {podIP: 10.0.3.3, phase: Running}
)");
  const Pod* pod = inv.pod_by_ip(*parse_ip("10.0.3.3"));
  ASSERT_TRUE(pod);
  EXPECT_EQ(pod->labels.at("version"), "1.10");
  EXPECT_EQ(pod->owner.kind, "Pod");
}

TEST(Inventory, RejectsWhatIsNotAKubernetesList) {
  Inventory inv;
  auto result = inv.load_text(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"}})", "pod.json");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::invalid_input);
  EXPECT_NE(describe(result.error()).find("pod.json: not a Kubernetes List (kind 'Pod')"), std::string::npos);
  auto broken = inv.load_text("{\n\"kind\": \"List\",\n\"items\": [\n}", "broken.json");
  ASSERT_FALSE(broken);
  EXPECT_NE(describe(broken.error()).find("broken.json:4: invalid JSON"), std::string::npos)
      << describe(broken.error());
  // An item the split finds but that does not parse is named by its line in the whole file.
  auto item = inv.load_text(
      "{\"kind\": \"List\",\n\"items\": [\n{\"kind\": \"Pod\"},\n{\"kind\":\n \"Pod\", \"x\": 01}\n]}", "item.json");
  ASSERT_FALSE(item);
  EXPECT_NE(describe(item.error()).find("item.json:5: invalid JSON"), std::string::npos) << describe(item.error());
  auto deep = inv.load_text(
      "{\"kind\": \"List\", \"items\": [\n" + std::string(300, '[') + std::string(300, ']') + "]}", "deep.json");
  ASSERT_FALSE(deep);
  auto yaml = inv.load_text("kind: List\nitems: [\n  - a: b\n  c", "broken.yaml");
  ASSERT_FALSE(yaml);
  EXPECT_NE(describe(yaml.error()).find("broken.yaml:"), std::string::npos);
  auto missing = inv.load_file("/nonexistent/inventory.json");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::io);
}

}  // namespace
}  // namespace netobs

namespace netobs {
namespace {

TEST(Inventory, PodEventsFromAWatchExtendTheAddressHistory) {
  Inventory inv = testing::inventory_from(k_list);
  const IpAddress web = *parse_ip("10.0.1.5");
  const std::int64_t t12 = 1763985600;  // 12:00
  auto pod = [](const std::string& name, const std::string& ip, const std::string& start) {
    return R"({"kind":"Pod","metadata":{"name":")" + name + R"(","namespace":"shop","labels":{"app":")" + name +
           R"("}},"spec":{},"status":{"phase":"Running","podIP":")" + ip + R"(","startTime":")" + start + R"("}})";
  };
  // The web pod is deleted at 12:00; a new pod gets its address at 12:30.
  inv.apply_pod_events(
      {{PodEvent::Type::deleted,
        R"({"metadata":{"name":"web-7d9c8b6f5-abcde","namespace":"shop"},)"
        R"("status":{"podIP":"10.0.1.5","startTime":"2025-11-24T10:00:00Z"}})",
        {},
        {},
        t12},
       {PodEvent::Type::upsert, pod("fresh", "10.0.1.5", "2025-11-24T12:30:00Z"), {}, {}, t12 + 1800}});
  EXPECT_EQ(inv.holder_at(web, t12 - 600).pod->name, "web-7d9c8b6f5-abcde");
  EXPECT_EQ(inv.holder_at(web, t12 + 900).status, IpHolder::Status::unattributed);
  EXPECT_EQ(inv.holder_at(web, t12 + 2400).pod->name, "fresh");
  EXPECT_EQ(inv.pod_by_name("shop", "fresh")->labels.at("app"), "fresh");
  // A relist of shop without the api pod: it went while the watch was down.
  inv.apply_pod_events(
      {{PodEvent::Type::relisted, {}, "shop", {"shop/fresh", "shop/batch-29380000-xyzab"}, t12 + 3600}});
  EXPECT_TRUE(inv.pod_by_name("shop", "api-6c5d4-xyz12")->terminated);
  EXPECT_EQ(inv.holder_at(*parse_ip("10.0.1.6"), t12 + 7200).status, IpHolder::Status::unattributed);
  EXPECT_EQ(inv.holder_at(*parse_ip("10.0.1.6"), t12).pod->name, "api-6c5d4-xyz12");
  EXPECT_FALSE(inv.pod_by_name("shop", "fresh")->terminated);
}

}  // namespace
}  // namespace netobs
