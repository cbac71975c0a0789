#include <gtest/gtest.h>

#include <netobs/recommend.hpp>

#include "testutil/pipeline.hpp"
#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

// Three pods in one namespace plus DNS; flows are written inline per test.
const char* k_app_inventory = R"({"apiVersion":"v1","kind":"List","items":[
  {"kind":"Pod","metadata":{"name":"a","namespace":"app","labels":{"role":"a"}},"spec":{},"status":{"podIP":"10.0.0.1"}},
  {"kind":"Pod","metadata":{"name":"b","namespace":"app","labels":{"role":"b"}},"spec":{},"status":{"podIP":"10.0.0.2"}},
  {"kind":"Pod","metadata":{"name":"c","namespace":"app","labels":{"role":"c"}},"spec":{},"status":{"podIP":"10.0.0.3"}},
  {"kind":"Pod","metadata":{"name":"d","namespace":"other","labels":{"role":"d"}},"spec":{},"status":{"podIP":"10.0.0.4"}},
  {"kind":"Pod","metadata":{"name":"idle","namespace":"app","labels":{"role":"idle"}},"spec":{},"status":{"podIP":"10.0.0.5"}},
  {"kind":"Pod","metadata":{"name":"coredns-1","namespace":"kube-system","labels":{"k8s-app":"kube-dns","eks":"yes"}},"spec":{},"status":{"podIP":"10.0.0.53"}},
  {"kind":"Service","metadata":{"name":"kube-dns","namespace":"kube-system","labels":{"k8s-app":"kube-dns","kubernetes.io/name":"CoreDNS"}},
   "spec":{"clusterIP":"172.20.0.10","selector":{"k8s-app":"kube-dns"},"ports":[{"port":53,"protocol":"UDP"}]}}
]})";

Recommendation recommend_records(const std::string& records, const RecommendOptions& options = {}) {
  testing::TempDir dir;
  const std::string path = dir.write("f.log", "srcaddr dstaddr srcport dstport protocol\n" + records);
  static Inventory inventory = testing::inventory_from(k_app_inventory);
  return testing::run_pipeline({path}, inventory, options).recommendation;
}

NetworkPolicy policy(const Recommendation& r, const std::string& name) {
  for (const auto& p : network_policies(r.model)) {
    if (p.name == name) return p;
  }
  throw std::runtime_error("no policy " + name);
}

std::vector<std::string> peer_roles(const PolicyRule& rule) {
  std::vector<std::string> roles;
  for (const auto& peer : rule.peers) {
    roles.push_back(peer.ip_block ? peer.ip_block->cidr : peer.pod_selector->match_labels.at("role"));
  }
  return roles;
}

TEST(Recommend, PeersWithTheSamePortsShareARuleAndNoCrossProductIsInvented) {
  // a and b both reach c on 80; only a reaches c on 443.
  const auto r =
      recommend_records("10.0.0.1 10.0.0.3 40000 80 6\n10.0.0.2 10.0.0.3 40001 80 6\n10.0.0.1 10.0.0.3 40002 443 6\n");
  const NetworkPolicy& c = policy(r, "c-netobs");
  ASSERT_EQ(c.ingress.size(), 2U);
  // Rules are ordered by their port set: {80} then {80, 443}.
  EXPECT_EQ(peer_roles(c.ingress[0]), (std::vector<std::string>{"b"}));
  EXPECT_EQ(c.ingress[0].ports.size(), 1U);
  EXPECT_EQ(peer_roles(c.ingress[1]), (std::vector<std::string>{"a"}));
  EXPECT_EQ(c.ingress[1].ports.size(), 2U);
  EXPECT_EQ(c.policy_types, (std::vector<PolicyType>{PolicyType::ingress, PolicyType::egress}));
  EXPECT_EQ(c.pod_selector.match_labels, (Labels{{"role", "c"}}));
  EXPECT_EQ(c.annotations.at("netobs.io/observed-flows"), "3");
}

TEST(Recommend, CrossNamespacePeersAndExternalAddresses) {
  const auto r = recommend_records("10.0.0.4 10.0.0.3 40000 80 6\n10.0.0.3 203.0.113.9 40000 443 6\n");
  const NetworkPolicy& c = policy(r, "c-netobs");
  ASSERT_EQ(c.ingress.size(), 1U);
  const PolicyPeer& peer = c.ingress[0].peers[0];
  ASSERT_TRUE(peer.namespace_selector);
  EXPECT_EQ(peer.namespace_selector->match_labels, (Labels{{"kubernetes.io/metadata.name", "other"}}));
  EXPECT_EQ(peer.pod_selector->match_labels, (Labels{{"role", "d"}}));
  ASSERT_EQ(c.egress.size(), 2U);
  EXPECT_EQ(c.egress[0].peers[0].ip_block->cidr, "203.0.113.9/32");
}

TEST(Recommend, DnsFromTheServiceSelectorAlwaysAndObservedDnsNotDuplicated) {
  const auto r = recommend_records("10.0.0.1 10.0.0.53 40000 53 17\n10.0.0.1 10.0.0.2 40000 80 6\n");
  const NetworkPolicy& a = policy(r, "a-netobs");
  ASSERT_EQ(a.egress.size(), 2U);  // b:80, then DNS
  const PolicyRule& dns = a.egress.back();
  EXPECT_EQ(dns.peers[0].pod_selector->match_labels, (Labels{{"k8s-app", "kube-dns"}}));  // not the Service's labels
  EXPECT_EQ(dns.peers[0].namespace_selector->match_labels, (Labels{{"kubernetes.io/metadata.name", "kube-system"}}));
  ASSERT_EQ(dns.ports.size(), 2U);
  EXPECT_EQ(dns.ports[0].protocol, Protocol::udp);
  EXPECT_EQ(dns.ports[1].protocol, Protocol::tcp);
  // b saw no DNS traffic and still gets it.
  EXPECT_EQ(policy(r, "b-netobs").egress.size(), 1U);
}

TEST(Recommend, DnsOptions) {
  RecommendOptions none;
  none.dns = DnsMode::none;
  const auto without = policy(recommend_records("10.0.0.1 10.0.0.2 40000 80 6\n", none), "a-netobs");
  ASSERT_EQ(without.egress.size(), 1U);  // only the observed b:80
  EXPECT_EQ(without.egress[0].ports[0].port, (std::variant<int, std::string>(80)));
  RecommendOptions local;
  local.dns_ips.push_back(*parse_ip("169.254.20.10"));
  local.dns_selector = LabelSelector{{{"app", "dns"}}, {}};
  local.dns_namespace = "dns";
  const auto r = recommend_records("10.0.0.1 10.0.0.2 40000 80 6\n", local);
  const NetworkPolicy a = policy(r, "a-netobs");
  const PolicyRule& dns = a.egress.back();
  ASSERT_EQ(dns.peers.size(), 2U);
  EXPECT_EQ(dns.peers[0].pod_selector->match_labels, (Labels{{"app", "dns"}}));
  EXPECT_EQ(dns.peers[1].ip_block->cidr, "169.254.20.10/32");
}

TEST(Recommend, SystemNamespacesOnlyWhenNamed) {
  const std::string records = "10.0.0.53 10.0.0.1 40000 80 6\n";
  EXPECT_THROW(policy(recommend_records(records), "coredns-1-netobs"), std::runtime_error);
  RecommendOptions named;
  named.namespaces = {"kube-system"};
  const auto r = recommend_records(records, named);
  const auto policies = network_policies(r.model);
  ASSERT_EQ(policies.size(), 1U);
  EXPECT_EQ(policies[0].namespace_name, "kube-system");
}

TEST(Recommend, DefaultDenyListsUnobservedWorkloads) {
  RecommendOptions options;
  options.default_deny = DefaultDeny::yes;
  const auto r = recommend_records("10.0.0.1 10.0.0.2 40000 80 6\n", options);
  const NetworkPolicy& deny = policy(r, "default-deny-netobs");
  EXPECT_TRUE(deny.pod_selector.empty());
  EXPECT_TRUE(deny.ingress.empty());
  EXPECT_TRUE(deny.egress.empty());
  EXPECT_EQ(deny.policy_types.size(), 2U);
  EXPECT_EQ(r.unobserved, (std::vector<std::string>{"app/c[Pod]: pods running, no traffic observed in the window",
                                                    "app/idle[Pod]: pods running, no traffic observed in the window"}));
}

TEST(Recommend, OutputIsSortedAndStable) {
  const auto first =
      network_policies(recommend_records("10.0.0.3 10.0.0.1 40000 80 6\n10.0.0.2 10.0.0.1 40000 80 6\n").model);
  const auto second =
      network_policies(recommend_records("10.0.0.2 10.0.0.1 40000 80 6\n10.0.0.3 10.0.0.1 40000 80 6\n").model);
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].name, second[i].name);
    EXPECT_EQ(first[i].ingress, second[i].ingress);
  }
  EXPECT_EQ(first[0].name, "a-netobs");
}

}  // namespace
}  // namespace netobs
