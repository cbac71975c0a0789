// Pod addresses are reused: with several inventory snapshots, each flow is attributed to the pod
// that held the address at the flow's time, and to nobody when no pod or two pods held it.
#include <gtest/gtest.h>

#include <netobs/inventory.hpp>

#include "testutil/pipeline.hpp"
#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

// A pod of StatefulSet `set` in namespace x; `seen` is a condition's time, which dates the
// snapshot that lists it.
std::string pod(const std::string& set, const std::string& ip, const std::string& start, const std::string& seen,
                const std::string& phase = "Running") {
  return R"({"kind":"Pod","metadata":{"name":")" + set + R"(-0","namespace":"x","labels":{"app":")" + set +
         R"("},"ownerReferences":[{"kind":"StatefulSet","name":")" + set + R"(","controller":true}]},)" +
         R"("spec":{"containers":[{"name":"c","ports":[{"containerPort":80}]}]},)" + R"("status":{"phase":")" + phase +
         R"(","podIP":")" + ip + R"(","startTime":"2025-11-24T)" + start + R"(:00Z","conditions":[{"type":"Ready",)" +
         R"("lastTransitionTime":"2025-11-24T)" + seen + R"(:00Z"}]}})";
}

std::string list(const std::vector<std::string>& items) {
  std::string text = R"({"kind":"List","items":[)";
  for (std::size_t i = 0; i < items.size(); ++i) text += (i ? "," : "") + items[i];
  return text + "]}";
}

// Snapshot 1 (10:00): a-0 holds 10.0.0.5. Snapshot 2 (12:00): a-0 is gone, b-0 holds 10.0.0.5
// since 11:00, and d-0 and e-0 both claim 10.0.0.7 (an inconsistent listing). c-0 serves at 10.0.0.9.
const std::string k_first = list({pod("a", "10.0.0.5", "09:00", "10:00"), pod("c", "10.0.0.9", "08:00", "10:00")});
const std::string k_second = list({pod("b", "10.0.0.5", "11:00", "12:00"), pod("c", "10.0.0.9", "08:00", "12:00"),
                                   pod("d", "10.0.0.7", "11:00", "12:00"), pod("e", "10.0.0.7", "11:10", "12:00")});

// Connections to c-0:80 from 10.0.0.5 at 09:30 (a), 10:30 (nobody) and 11:30 (b), and from
// 10.0.0.7 at 11:30 (ambiguous).
const char* k_flows =
    "srcaddr dstaddr srcport dstport protocol tcp-flags start end\n"
    "10.0.0.5 10.0.0.9 40000 80 6 2 1763976600 1763976660\n"
    "10.0.0.5 10.0.0.9 40002 80 6 2 1763980200 1763980260\n"
    "10.0.0.5 10.0.0.9 40001 80 6 2 1763983800 1763983860\n"
    "10.0.0.7 10.0.0.9 40003 80 6 2 1763983800 1763983860\n";

std::set<std::string> edges(const Graph& graph) {
  std::set<std::string> out;
  for (const auto& [id, stats] : graph.edges) out.insert(to_string(id.client) + " -> " + to_string(id.server));
  return out;
}

Inventory snapshots(const std::vector<const std::string*>& texts) {
  Inventory inventory;
  for (const std::string* text : texts) {
    auto loaded = inventory.load_text(*text, "snapshot");
    EXPECT_TRUE(loaded) << describe(loaded.error());
  }
  return inventory;
}

TEST(IpReuse, EachFlowLandsOnThePodThatHeldTheAddressThen) {
  testing::TempDir dir;
  const std::string flows = dir.write("flows.log", k_flows);
  // The order the snapshots are given in does not matter.
  for (const auto& order : {std::vector{&k_first, &k_second}, std::vector{&k_second, &k_first}}) {
    const Inventory inventory = snapshots(order);
    auto r = testing::run_pipeline({flows}, inventory);
    EXPECT_EQ(edges(r.graph),
              (std::set<std::string>{"x/a[StatefulSet] -> x/c[StatefulSet]", "x/b[StatefulSet] -> x/c[StatefulSet]",
                                     "unknown 10.0.0.5 -> x/c[StatefulSet]", "unknown 10.0.0.7 -> x/c[StatefulSet]"}));
    EXPECT_EQ(r.graph.report.unheld_pod_ips, (std::map<IpAddress, std::uint64_t>{{*parse_ip("10.0.0.5"), 1}}));
    EXPECT_EQ(r.graph.report.ambiguous_pod_ips, (std::map<IpAddress, std::uint64_t>{{*parse_ip("10.0.0.7"), 1}}));
    EXPECT_TRUE(r.graph.report.cluster_unknown.empty());
    // c admits exactly a and b; neither unattributed flow is allowed in any form.
    std::set<std::string> admitted;
    for (const auto& policy : network_policies(r.recommendation.model)) {
      if (policy.pod_selector.match_labels != Labels{{"app", "c"}}) continue;
      for (const auto& rule : policy.ingress) {
        for (const auto& peer : rule.peers) {
          EXPECT_FALSE(peer.ip_block) << policy.name;
          if (peer.pod_selector) admitted.insert(peer.pod_selector->match_labels.at("app"));
        }
      }
    }
    EXPECT_EQ(admitted, (std::set<std::string>{"a", "b"}));
  }
}

TEST(IpReuse, LeasesComeFromSnapshotsDeletionAndFinishedContainers) {
  const Inventory inventory = snapshots({&k_first, &k_second});
  const IpAddress reused = *parse_ip("10.0.0.5");
  EXPECT_EQ(inventory.holder_at(reused, 1763976600).pod->name, "a-0");       // 09:30
  EXPECT_EQ(inventory.holder_at(reused, 1763978400 + 30).pod->name, "a-0");  // just after the snapshot: skew
  EXPECT_EQ(inventory.holder_at(reused, 1763980200).status, IpHolder::Status::unattributed);  // 10:30
  EXPECT_EQ(inventory.holder_at(reused, 1763983800).pod->name, "b-0");                        // 11:30
  EXPECT_EQ(inventory.holder_at(reused, 0).pod->name, "b-0");  // no time: the pod holding it now
  EXPECT_TRUE(inventory.pod_by_name("x", "a-0")->terminated);  // gone from the later snapshot
  EXPECT_EQ(inventory.holder_at(*parse_ip("10.0.0.7"), 1763983800).status, IpHolder::Status::ambiguous);
  EXPECT_EQ(inventory.holder_at(*parse_ip("10.0.0.7"), 1763982300).pod->name, "d-0");  // 11:05, before e-0

  // One snapshot: a pod that finished releases its address when its containers ended, and a
  // deleted pod at its deletionTimestamp.
  const Inventory one = testing::inventory_from(R"({"kind":"List","items":[
    {"kind":"Pod","metadata":{"name":"job-1","namespace":"x"},"spec":{},
     "status":{"phase":"Succeeded","podIP":"10.0.0.8","startTime":"2025-11-24T09:00:00Z",
               "containerStatuses":[{"name":"c","state":{"terminated":{"finishedAt":"2025-11-24T09:10:00Z"}}}]}},
    {"kind":"Pod","metadata":{"name":"web-1","namespace":"x","deletionTimestamp":"2025-11-24T10:00:00Z"},"spec":{},
     "status":{"phase":"Running","podIP":"10.0.0.6","startTime":"2025-11-24T09:00:00Z"}},
    {"kind":"Pod","metadata":{"name":"late","namespace":"x"},"spec":{},
     "status":{"phase":"Running","podIP":"10.0.0.1","startTime":"2025-11-24T12:00:00Z"}}]})");
  EXPECT_EQ(one.holder_at(*parse_ip("10.0.0.8"), 1763975100).pod->name, "job-1");                      // 09:05
  EXPECT_EQ(one.holder_at(*parse_ip("10.0.0.8"), 1763976600).status, IpHolder::Status::unattributed);  // 09:30
  EXPECT_EQ(one.holder_at(*parse_ip("10.0.0.6"), 1763976600).pod->name, "web-1");
  EXPECT_EQ(one.holder_at(*parse_ip("10.0.0.6"), 1763980200).status, IpHolder::Status::unattributed);  // 10:30
}

}  // namespace
}  // namespace netobs
