// A cluster-wide default-deny (-A): system namespaces, the DNS server's own policy, the API
// server's endpoints, and what the flip would cut off that was never observed.
#include <optional>

#include <gtest/gtest.h>

#include <netobs/recommend.hpp>

#include "testutil/pipeline.hpp"
#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

const char* k_inventory = R"({"apiVersion":"v1","kind":"List","items":[
  {"kind":"Namespace","metadata":{"name":"app"}},
  {"kind":"Namespace","metadata":{"name":"kube-system"}},
  {"kind":"Namespace","metadata":{"name":"batch"}},
  {"kind":"Namespace","metadata":{"name":"default"}},
  {"kind":"Pod","metadata":{"name":"a","namespace":"app","labels":{"role":"a"}},"status":{"podIP":"10.0.0.1"}},
  {"kind":"Pod","metadata":{"name":"hook","namespace":"app","labels":{"role":"hook"}},
   "spec":{"containers":[{"name":"c","ports":[{"containerPort":8443}]}]},"status":{"podIP":"10.0.0.2"}},
  {"kind":"Deployment","metadata":{"name":"coredns","namespace":"kube-system"},
   "spec":{"selector":{"matchLabels":{"k8s-app":"kube-dns"}}}},
  {"kind":"ReplicaSet","metadata":{"name":"coredns-5d7f","namespace":"kube-system",
   "ownerReferences":[{"kind":"Deployment","name":"coredns","controller":true}]}},
  {"kind":"Pod","metadata":{"name":"coredns-5d7f-abcde","namespace":"kube-system","labels":{"k8s-app":"kube-dns","pod-template-hash":"5d7f"},
   "ownerReferences":[{"kind":"ReplicaSet","name":"coredns-5d7f","controller":true}]},
   "spec":{"containers":[{"name":"coredns","ports":[{"containerPort":53,"protocol":"UDP"},{"containerPort":53},{"containerPort":9153}]}]},
   "status":{"podIP":"10.0.0.53"}},
  {"kind":"Pod","metadata":{"name":"prometheus","namespace":"app","labels":{"role":"prometheus"}},"status":{"podIP":"10.0.0.9"}},
  {"kind":"Service","metadata":{"name":"kube-dns","namespace":"kube-system"},
   "spec":{"clusterIP":"172.20.0.10","selector":{"k8s-app":"kube-dns"},"ports":[{"port":53,"protocol":"UDP"},{"port":53,"protocol":"TCP"}]}},
  {"kind":"Service","metadata":{"name":"kubernetes","namespace":"default"},
   "spec":{"clusterIP":"172.20.0.1","ports":[{"name":"https","port":443,"targetPort":443,"protocol":"TCP"}]}},
  {"kind":"EndpointSlice","metadata":{"name":"kubernetes","namespace":"default","labels":{"kubernetes.io/service-name":"kubernetes"}},
   "addressType":"IPv4","endpoints":[{"addresses":["10.0.200.10"]},{"addresses":["10.0.201.20"]}],
   "ports":[{"name":"https","port":443,"protocol":"TCP"}]},
  {"kind":"CronJob","metadata":{"name":"nightly","namespace":"batch"},"status":{"lastScheduleTime":"2025-11-23T02:00:00Z"}},
  {"kind":"CronJob","metadata":{"name":"fresh","namespace":"batch"}}
]})";

// The flows of one hour (2025-11-24 16:00-17:00), in VPC v2 shape with times.
Recommendation run(const std::string& records, const RecommendOptions& options) {
  testing::TempDir dir;
  const std::string path =
      dir.write("f.log", "srcaddr dstaddr srcport dstport protocol tcp-flags action start end\n" + records);
  static Inventory inventory = testing::inventory_from(k_inventory);
  RecommendOptions with_window = options;
  auto result = testing::run_pipeline({path}, inventory, {}, {}, {"10.0.0.0/16"});
  with_window.window_start = result.summary.first_seen;
  with_window.window_end = result.summary.last_seen;
  return recommend(result.graph, inventory, with_window);
}

std::optional<NetworkPolicy> find(const Recommendation& r, const std::string& ns, const std::string& name) {
  for (const auto& p : network_policies(r.model)) {
    if (p.namespace_name == ns && p.name == name) return p;
  }
  return std::nullopt;
}

const std::string k_dns_query = "10.0.0.1 172.20.0.10 40000 53 17 0 ACCEPT 1764000000 1764000060\n";
const std::string k_app = "10.0.0.1 10.0.0.2 40001 8443 6 2 ACCEPT 1764000000 1764003000\n";

RecommendOptions all_namespaces() {
  RecommendOptions options;
  options.scope = NamespaceScope::all;
  options.default_deny = DefaultDeny::yes;
  return options;
}

TEST(ClusterWide, AllNamespacesCoversSystemNamespaces) {
  const auto r = run(k_dns_query + k_app, all_namespaces());
  for (const char* ns : {"app", "kube-system", "batch", "default"}) {
    EXPECT_TRUE(find(r, ns, "default-deny-netobs")) << ns;
  }
  EXPECT_TRUE(r.unisolated.empty());
  // Without -A kube-system is left open, and the summary says why.
  RecommendOptions plain;
  plain.default_deny = DefaultDeny::yes;
  const auto open = run(k_dns_query + k_app, plain);
  EXPECT_FALSE(find(open, "kube-system", "default-deny-netobs"));
  EXPECT_NE(std::find(open.unisolated.begin(), open.unisolated.end(),
                      "kube-system: a system namespace: give all_namespaces (or namespaces kube-system) to cover it"),
            open.unisolated.end());
}

TEST(ClusterWide, DnsServerAcceptsEveryPodAndReachesItsUpstreams) {
  RecommendOptions options = all_namespaces();
  options.vpc_cidrs = {*parse_cidr("10.0.0.0/16")};
  options.dns_upstreams = {*parse_cidr("192.0.2.53/32")};
  // a queried DNS; prometheus scraped CoreDNS metrics on 9153.
  const auto r = run(k_dns_query + "10.0.0.9 10.0.0.53 40002 9153 6 2 ACCEPT 1764000000 1764000060\n", options);
  const std::optional<NetworkPolicy> dns = find(r, "kube-system", "coredns-netobs");
  ASSERT_TRUE(dns);
  EXPECT_EQ(dns->pod_selector.match_labels, (Labels{{"k8s-app", "kube-dns"}}));
  // Observed 53 from a is subsumed by the rule for every pod; 9153 from prometheus stays.
  ASSERT_EQ(dns->ingress.size(), 2U);
  EXPECT_EQ(dns->ingress[0].ports.size(), 1U);
  EXPECT_EQ(std::get<int>(*dns->ingress[0].ports[0].port), 9153);
  const PolicyRule& everyone = dns->ingress[1];
  ASSERT_EQ(everyone.peers.size(), 1U);
  EXPECT_FALSE(everyone.peers[0].pod_selector);
  ASSERT_TRUE(everyone.peers[0].namespace_selector);
  EXPECT_TRUE(everyone.peers[0].namespace_selector->empty());
  EXPECT_EQ(everyone.ports.size(), 2U);
  const PolicyRule& upstream = dns->egress.back();
  std::vector<std::string> cidrs;
  for (const auto& peer : upstream.peers) cidrs.push_back(peer.ip_block->cidr);
  EXPECT_EQ(cidrs, (std::vector<std::string>{"10.0.0.2/32", "169.254.169.253/32", "192.0.2.53/32"}));
  EXPECT_EQ(upstream.ports.size(), 2U);
}

TEST(ClusterWide, DnsServerGetsItsPolicyEvenUnobserved) {
  const auto r = run(k_app, all_namespaces());  // nobody resolved a name in the window
  const std::optional<NetworkPolicy> dns = find(r, "kube-system", "coredns-netobs");
  ASSERT_TRUE(dns);
  EXPECT_EQ(dns->ingress.size(), 1U);
  EXPECT_EQ(std::find(r.unobserved.begin(), r.unobserved.end(),
                      "kube-system/coredns[Deployment]: pods running, no traffic observed in the window"),
            r.unobserved.end())
      << "a DNS server with a policy is not cut off";
  EXPECT_NE(std::find(r.unobserved.begin(), r.unobserved.end(),
                      "app/prometheus[Pod]: pods running, no traffic observed in the window"),
            r.unobserved.end());
}

TEST(ClusterWide, ExcludedNamespacesStayOpenAndSaySo) {
  RecommendOptions options = all_namespaces();
  options.exclude_namespaces = {"batch"};
  const auto r = run(k_dns_query + k_app, options);
  EXPECT_FALSE(find(r, "batch", "default-deny-netobs"));
  EXPECT_EQ(r.unisolated, (std::vector<std::string>{"batch: excluded (exclude_namespace)"}));
}

TEST(ClusterWide, ApiServerEndpointsByAddressOrByTheGivenCidr) {
  // a calls the API server through its Service; the control plane calls hook's webhook.
  const std::string records =
      "10.0.0.1 172.20.0.1 40003 443 6 2 ACCEPT 1764000000 1764000060\n"
      "10.0.200.10 10.0.0.2 40004 8443 6 2 ACCEPT 1764000000 1764000060\n";
  auto r = run(records, all_namespaces());
  std::optional<NetworkPolicy> a = find(r, "app", "a-netobs");
  ASSERT_TRUE(a);
  std::vector<std::string> cidrs;
  for (const auto& peer : a->egress.front().peers) cidrs.push_back(peer.ip_block ? peer.ip_block->cidr : "?");
  EXPECT_EQ(cidrs, (std::vector<std::string>{"10.0.200.10/32", "10.0.201.20/32"}));
  EXPECT_EQ(std::get<int>(*a->egress.front().ports.front().port), 443);
  const std::optional<NetworkPolicy> hook = find(r, "app", "hook-netobs");
  ASSERT_TRUE(hook);
  ASSERT_FALSE(hook->ingress.empty());
  // The webhook call came from one endpoint; the next may come from any of them.
  std::vector<std::string> clients;
  for (const auto& peer : hook->ingress.front().peers) clients.push_back(peer.ip_block ? peer.ip_block->cidr : "?");
  EXPECT_EQ(clients, (std::vector<std::string>{"10.0.200.10/32", "10.0.201.20/32"}));
  EXPECT_TRUE(std::any_of(r.notes.begin(), r.notes.end(),
                          [](const std::string& n) { return n.find("give apiserver_cidr") != std::string::npos; }));

  RecommendOptions options = all_namespaces();
  options.apiserver_cidrs = {*parse_cidr("10.0.200.0/23")};
  r = run(records, options);
  a = find(r, "app", "a-netobs");
  ASSERT_TRUE(a);
  ASSERT_EQ(a->egress.front().peers.size(), 1U);
  EXPECT_EQ(a->egress.front().peers.front().ip_block->cidr, "10.0.200.0/23");
  EXPECT_FALSE(std::any_of(r.notes.begin(), r.notes.end(),
                           [](const std::string& n) { return n.find("give apiserver_cidr") != std::string::npos; }));
}

TEST(ClusterWide, JobsThatDidNotRunInTheWindowAreListed) {
  const auto r = run(k_dns_query + k_app, all_namespaces());
  EXPECT_NE(
      std::find(
          r.unobserved.begin(), r.unobserved.end(),
          "batch/nightly[CronJob]: last ran 2025-11-23T02:00:00Z, before the window: it will fail at its next run"),
      r.unobserved.end());
  EXPECT_NE(std::find(r.unobserved.begin(), r.unobserved.end(),
                      "batch/fresh[CronJob]: has not run yet: it will fail at its first run"),
            r.unobserved.end());
}

}  // namespace
}  // namespace netobs
