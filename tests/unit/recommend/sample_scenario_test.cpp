// The property behind `recommend`, checked with the policy engine: on the bundled shop scenario,
// every observed connection is allowed by the recommended policies, and no policy allows a pair
// that was not observed. The ground truth comes from the generator's model (samples/truth), not
// from netobs.
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include <netobs/engine.hpp>

#include "testutil/pipeline.hpp"

namespace netobs {
namespace {

const std::string k_samples = std::string(NETOBS_SOURCE_DIR) + "/samples";

struct Truth {
  std::string client, server;
  Protocol protocol;
  int port;
  bool attributable;
};

std::vector<Truth> read_truth() {
  std::ifstream in(k_samples + "/truth/connections.tsv");
  std::vector<Truth> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    Truth t;
    std::string protocol;
    int attributable = 0;
    fields >> t.client >> t.server >> protocol >> t.port >> attributable;
    t.protocol = protocol == "UDP" ? Protocol::udp : Protocol::tcp;
    t.attributable = attributable == 1;
    rows.push_back(t);
  }
  return rows;
}

class SampleScenario : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(inventory.load_file(k_samples + "/flows/inventory.json"));
    IngestOptions ingest;
    ingest.exclude.push_back(k_samples + "/flows/inventory.json");
    result = testing::run_pipeline({k_samples + "/flows"}, inventory, {}, ingest);
    truth = read_truth();
    ASSERT_FALSE(truth.empty());
    cluster.policies = result.recommendation.policies;
    add_inventory(cluster, inventory);
    // Terminated pods still exist as endpoints of the traffic they had (the cleanup Job).
    for (const auto& pod : inventory.pods()) {
      if (pod.terminated) cluster.pods.push_back({pod, {}});
    }
    engine = std::make_unique<PolicyEngine>(cluster, IpBlockScope::all);
  }

  struct Named {
    Endpoint endpoint;
    std::string name;
  };

  // The pods of "ns/workload" (every pod the inventory has for it), or the address.
  std::vector<Named> endpoints(const std::string& name) const {
    std::vector<Named> out;
    const auto slash = name.find('/');
    if (slash == std::string::npos) {
      const IpAddress ip = *parse_ip(name);
      out.push_back({Endpoint::range(ip, ip), name});
      return out;
    }
    for (const auto& pod : cluster.pods) {
      if (pod.namespace_name == name.substr(0, slash) && pod.owner.name == name.substr(slash + 1) && !pod.host_network) {
        out.push_back({Endpoint::of(pod), pod.name});
      }
    }
    return out;
  }

  bool allows(const Named& a, const Named& b, Protocol protocol, int port) const {
    return engine->allowed(a.endpoint, b.endpoint).contains(protocol, port);
  }
  bool egress_allows(const Named& a, const Named& b, Protocol protocol, int port) const {
    return engine->side(PolicyType::egress, a.endpoint, b.endpoint).contains(protocol, port);
  }
  bool ingress_allows(const Named& a, const Named& b, Protocol protocol, int port) const {
    return engine->side(PolicyType::ingress, b.endpoint, a.endpoint).contains(protocol, port);
  }
  bool isolated(const Named& n, PolicyType type) const { return n.endpoint.pod && engine->isolated(*n.endpoint.pod, type); }

  Inventory inventory;
  testing::PipelineResult result;
  std::vector<Truth> truth;
  ManifestSet cluster;
  std::unique_ptr<PolicyEngine> engine;
};

TEST_F(SampleScenario, EveryObservedConnectionIsAllowed) {
  for (const auto& t : truth) {
    if (!t.attributable) continue;
    for (const auto& client : endpoints(t.client)) {
      for (const auto& server : endpoints(t.server)) {
        EXPECT_TRUE(allows(client, server, t.protocol, t.port))
            << client.name << " -> " << server.name << " " << to_string(t.protocol) << " " << t.port;
      }
    }
  }
}

TEST_F(SampleScenario, UnattributableSnatTrafficIsNotGuessed) {
  for (const auto& t : truth) {
    if (t.attributable) continue;
    for (const auto& client : endpoints(t.client)) {
      for (const auto& server : endpoints(t.server)) {
        EXPECT_FALSE(egress_allows(client, server, t.protocol, t.port)) << client.name << " -> " << server.name;
      }
    }
  }
  EXPECT_FALSE(result.graph.report.snat.empty());
}

TEST_F(SampleScenario, NothingUnobservedIsAllowed) {
  std::set<std::string> names;
  std::set<std::pair<Protocol, int>> ports{{Protocol::tcp, 22}, {Protocol::tcp, 9153}, {Protocol::tcp, 15672},
                                           {Protocol::udp, 8080}, {Protocol::udp, 53}, {Protocol::tcp, 53}};
  for (const auto& t : truth) {
    names.insert(t.client);
    names.insert(t.server);
    ports.emplace(t.protocol, t.port);
  }
  for (const auto& pod : inventory.pods()) {
    if (!pod.host_network) names.insert(pod.owner.namespace_name + "/" + pod.owner.name);
  }
  names.insert("8.8.8.8");
  auto observed = [&](const std::string& c, const std::string& s, Protocol protocol, int port) {
    return std::any_of(truth.begin(), truth.end(), [&](const Truth& t) {
      return t.attributable && t.client == c && t.server == s && t.protocol == protocol && t.port == port;
    });
  };
  int checked = 0;
  for (const auto& c : names) {
    for (const auto& s : names) {
      for (const auto& [protocol, port] : ports) {
        if (observed(c, s, protocol, port)) continue;
        const bool dns = s == "kube-system/coredns" && port == 53;
        for (const auto& client : endpoints(c)) {
          for (const auto& server : endpoints(s)) {
            if (isolated(client, PolicyType::egress) && !dns) {
              EXPECT_FALSE(egress_allows(client, server, protocol, port))
                  << "egress " << c << " -> " << s << " " << to_string(protocol) << " " << port;
            }
            if (isolated(server, PolicyType::ingress)) {
              EXPECT_FALSE(ingress_allows(client, server, protocol, port))
                  << "ingress " << c << " -> " << s << " " << to_string(protocol) << " " << port;
            }
            ++checked;
          }
        }
      }
    }
  }
  EXPECT_GT(checked, 1000);
}

TEST_F(SampleScenario, EveryPolicedWorkloadCanResolveNames) {
  const auto coredns = endpoints("kube-system/coredns");
  ASSERT_FALSE(coredns.empty());
  std::size_t policed = 0;
  for (const auto& pod : cluster.pods) {
    const Named client{Endpoint::of(pod), pod.name};
    if (pod.host_network || !isolated(client, PolicyType::egress)) continue;
    ++policed;
    for (const auto& server : coredns) {
      EXPECT_TRUE(allows(client, server, Protocol::udp, 53)) << pod.name;
      EXPECT_TRUE(allows(client, server, Protocol::tcp, 53)) << pod.name;
    }
  }
  EXPECT_GE(policed, 8U);
}

TEST_F(SampleScenario, SystemNamespacesGetNoPolicy) {
  for (const auto& policy : result.recommendation.policies) {
    EXPECT_NE(policy.namespace_name, "kube-system") << policy.name;
  }
}

TEST_F(SampleScenario, ReusedPodIpIsAttributedByTime) {
  // 10.0.2.40 belonged to the finished orders-cleanup Job pod before the orders pod got it.
  const auto it = std::find_if(result.recommendation.policies.begin(), result.recommendation.policies.end(),
                               [](const NetworkPolicy& p) { return p.name == "orders-cleanup-netobs"; });
  ASSERT_NE(it, result.recommendation.policies.end());
  ASSERT_EQ(it->egress.size(), 2U);  // orders:8080, and DNS
  const auto orders = endpoints("orders/orders");
  const auto rabbit = endpoints("orders/orders-rabbitmq");
  for (const auto& pod : orders) {
    for (const auto& r : rabbit) EXPECT_TRUE(allows(pod, r, Protocol::tcp, 5672));
  }
}

TEST_F(SampleScenario, SummaryReportsWhatWasNotEvidence) {
  EXPECT_EQ(result.summary.skipped.at("action REJECT"), 2U);
  EXPECT_EQ(result.summary.skipped.at("log-status NODATA"), 1U);
  EXPECT_EQ(result.summary.skipped.at("hubble verdict DROPPED"), 1U);
  EXPECT_EQ(result.summary.malformed_count, 0U);
  EXPECT_TRUE(result.graph.report.private_external.contains(*parse_ip("10.0.4.50")));
}

}  // namespace
}  // namespace netobs
