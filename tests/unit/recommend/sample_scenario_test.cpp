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

// The scenario as recommended by default (false) and cluster-wide with -A --default-deny (true).
class SampleScenario : public ::testing::TestWithParam<bool> {
 protected:
  static bool cluster_wide() { return GetParam(); }

  void SetUp() override {
    ASSERT_TRUE(inventory.load_file(k_samples + "/flows/inventory.json"));
    IngestOptions ingest;
    ingest.exclude.push_back(k_samples + "/flows/inventory.json");
    RecommendOptions options;
    if (cluster_wide()) {
      options.scope = NamespaceScope::all;
      options.default_deny = DefaultDeny::yes;
    }
    result = testing::run_pipeline({k_samples + "/flows"}, inventory, options, ingest);
    truth = read_truth();
    ASSERT_FALSE(truth.empty());
    cluster.policies = network_policies(result.recommendation.model);
    add_inventory(cluster, inventory);
    // Terminated pods still exist as endpoints of the traffic they had (the cleanup Job).
    for (const auto& pod : inventory.pods()) {
      if (pod.terminated) cluster.pods.push_back({pod, {}});
    }
    // A team that arrives after the window, in a namespace of its own.
    Pod newcomer;
    newcomer.namespace_name = "newteam";
    newcomer.name = "newapp-0";
    newcomer.labels = {{"app", "newapp"}};
    newcomer.ips = {*parse_ip("10.0.9.99")};
    newcomer.owner = {"newteam", "StatefulSet", "newapp"};
    cluster.pods.push_back({newcomer, {}});
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
      if (pod.namespace_name == name.substr(0, slash) && pod.owner.name == name.substr(slash + 1) &&
          !pod.host_network) {
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
  bool isolated(const Named& n, PolicyType type) const {
    return n.endpoint.pod && engine->isolated(*n.endpoint.pod, type);
  }

  Inventory inventory;
  testing::PipelineResult result;
  std::vector<Truth> truth;
  ManifestSet cluster;
  std::unique_ptr<PolicyEngine> engine;
};

TEST_P(SampleScenario, EveryObservedConnectionIsAllowed) {
  std::size_t checked = 0;
  for (const auto& t : truth) {
    if (!t.attributable) continue;
    for (const auto& client : endpoints(t.client)) {
      for (const auto& server : endpoints(t.server)) {
        EXPECT_TRUE(allows(client, server, t.protocol, t.port))
            << client.name << " -> " << server.name << " " << to_string(t.protocol) << " " << t.port;
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 17U);  // every attributable row of the truth, with each pod of each end
}

TEST_P(SampleScenario, UnattributableSnatTrafficIsNotGuessed) {
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

TEST_P(SampleScenario, NothingUnobservedIsAllowed) {
  std::set<std::string> names;
  std::set<std::pair<Protocol, int>> ports{{Protocol::tcp, 22},   {Protocol::tcp, 9153}, {Protocol::tcp, 15672},
                                           {Protocol::udp, 8080}, {Protocol::udp, 53},   {Protocol::tcp, 53}};
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
  // Only pairs an expectation ran on count (as in random_cluster_test.cpp): a pair neither end
  // isolates, or DNS, is no evidence.
  std::size_t egress_checked = 0;
  std::size_t ingress_checked = 0;
  for (const auto& c : names) {
    for (const auto& s : names) {
      for (const auto& [protocol, port] : ports) {
        if (observed(c, s, protocol, port)) continue;
        // Every pod may reach cluster DNS: each policy's egress and the DNS server's ingress say so.
        const bool dns = s == "kube-system/coredns" && port == 53;
        for (const auto& client : endpoints(c)) {
          for (const auto& server : endpoints(s)) {
            if (isolated(client, PolicyType::egress) && !dns) {
              EXPECT_FALSE(egress_allows(client, server, protocol, port))
                  << "egress " << c << " -> " << s << " " << to_string(protocol) << " " << port;
              ++egress_checked;
            }
            if (isolated(server, PolicyType::ingress) && !dns) {
              EXPECT_FALSE(ingress_allows(client, server, protocol, port))
                  << "ingress " << c << " -> " << s << " " << to_string(protocol) << " " << port;
              ++ingress_checked;
            }
          }
        }
      }
    }
  }
  EXPECT_GT(egress_checked, 1000U);
  EXPECT_GT(ingress_checked, 1000U);
}

TEST_P(SampleScenario, EveryPolicedWorkloadCanResolveNames) {
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

TEST_P(SampleScenario, SystemNamespacesGetPoliciesOnlyWithAllNamespaces) {
  const auto policies = network_policies(result.recommendation.model);
  const auto in_kube_system = std::count_if(policies.begin(), policies.end(),
                                            [](const NetworkPolicy& p) { return p.namespace_name == "kube-system"; });
  EXPECT_EQ(in_kube_system, cluster_wide() ? 2 : 0);  // coredns-netobs and default-deny-netobs
}

TEST_P(SampleScenario, ReusedPodIpIsAttributedByTime) {
  // 10.0.2.40 belonged to the finished orders-cleanup Job pod before the orders pod got it.
  const auto policies = network_policies(result.recommendation.model);
  const auto it = std::find_if(policies.begin(), policies.end(),
                               [](const NetworkPolicy& p) { return p.name == "orders-cleanup-netobs"; });
  ASSERT_NE(it, policies.end());
  ASSERT_EQ(it->egress.size(), 2U);  // orders:8080, and DNS
  const auto orders = endpoints("orders/orders");
  const auto rabbit = endpoints("orders/orders-rabbitmq");
  for (const auto& pod : orders) {
    for (const auto& r : rabbit) EXPECT_TRUE(allows(pod, r, Protocol::tcp, 5672));
  }
}

TEST_P(SampleScenario, SummaryReportsWhatWasNotEvidence) {
  EXPECT_EQ(result.summary.skipped.at({SkipReason::vpc_action, "REJECT"}), 2U);
  EXPECT_EQ(result.summary.skipped.at({SkipReason::log_status, "NODATA"}), 1U);
  EXPECT_EQ(result.summary.skipped.at({SkipReason::hubble_verdict, "DROPPED"}), 1U);
  EXPECT_EQ(result.summary.malformed_count, 0U);
  EXPECT_TRUE(result.graph.report.private_external.contains(*parse_ip("10.0.4.50")));
}

TEST_P(SampleScenario, EveryPodIncludingANewcomerResolvesNamesAndCoreDnsIsIsolated) {
  const auto coredns = endpoints("kube-system/coredns");
  ASSERT_FALSE(coredns.empty());
  for (const auto& server : coredns) {
    EXPECT_EQ(isolated(server, PolicyType::ingress), cluster_wide());
    EXPECT_EQ(isolated(server, PolicyType::egress), cluster_wide());
  }
  std::size_t checked = 0;
  for (const auto& pod : cluster.pods) {
    if (pod.host_network || pod.terminated) continue;
    const Named client{Endpoint::of(pod), pod.namespace_name + "/" + pod.name};
    for (const auto& server : coredns) {
      EXPECT_TRUE(allows(client, server, Protocol::udp, 53)) << client.name;
      EXPECT_TRUE(allows(client, server, Protocol::tcp, 53)) << client.name;
      ++checked;
    }
  }
  EXPECT_GE(checked, 12U);
}

TEST_P(SampleScenario, CoreDnsReachesTheAmazonResolverAndOnlyOnDns) {
  const IpAddress ip = *parse_ip("169.254.169.253");
  const Named resolver{Endpoint::range(ip, ip), "resolver"};
  const auto coredns = endpoints("kube-system/coredns");
  ASSERT_FALSE(coredns.empty());
  for (const auto& server : coredns) {
    EXPECT_TRUE(allows(server, resolver, Protocol::udp, 53));
    EXPECT_TRUE(allows(server, resolver, Protocol::tcp, 53));
    EXPECT_EQ(allows(server, resolver, Protocol::tcp, 443), !cluster_wide());  // open only while unisolated
  }
}

INSTANTIATE_TEST_SUITE_P(Recommend, SampleScenario, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& param) {
                           return param.param ? "ClusterWide" : "Default";
                         });

}  // namespace
}  // namespace netobs
