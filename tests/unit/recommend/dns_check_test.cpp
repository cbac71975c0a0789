// The DNS target is checked against the inventory and the traffic before policies are written:
// a selector that picks no DNS pod stops the recommendation (with a default deny it would be a
// cluster-wide DNS outage); DNS traffic to other pods is a warning.
#include <gtest/gtest.h>

#include <netobs/recommend.hpp>

#include "testutil/pipeline.hpp"
#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

const char* k_dns_check_inventory = R"({"apiVersion":"v1","kind":"List","items":[
  {"kind":"Pod","metadata":{"name":"a","namespace":"app","labels":{"role":"a"}},"spec":{},"status":{"podIP":"10.0.0.1"}},
  {"kind":"Pod","metadata":{"name":"resolver","namespace":"app","labels":{"role":"resolver"}},"spec":{},"status":{"podIP":"10.0.0.9"}},
  {"kind":"Pod","metadata":{"name":"coredns-1","namespace":"kube-system","labels":{"k8s-app":"kube-dns"}},"spec":{},"status":{"podIP":"10.0.0.53"}},
  {"kind":"Service","metadata":{"name":"kube-dns","namespace":"kube-system"},
   "spec":{"clusterIP":"172.20.0.10","selector":{"k8s-app":"kube-dns"},"ports":[{"port":53,"protocol":"UDP"}]}}
]})";

Recommendation recommend_checking_dns(const std::string& records, const RecommendOptions& options) {
  testing::TempDir dir;
  const std::string path = dir.write("f.log", "srcaddr dstaddr srcport dstport protocol\n" + records);
  static Inventory inventory = testing::inventory_from(k_dns_check_inventory);
  return testing::run_pipeline({path}, inventory, options).recommendation;
}

RecommendOptions dns_selector_option(const std::string& ns, Labels labels) {
  RecommendOptions options;
  options.dns_namespace = ns;
  options.dns_selector = LabelSelector{std::move(labels), {}};
  return options;
}

TEST(DnsCheck, TheServiceSelectorPickingTheDnsPodsPasses) {
  const auto r = recommend_checking_dns("10.0.0.1 10.0.0.53 40000 53 17\n", {});
  EXPECT_FALSE(r.error);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(DnsCheck, ASelectorThatPicksNoPodOfTheDnsNamespaceIsAnInputError) {
  const auto r = recommend_checking_dns("10.0.0.1 10.0.0.53 40000 53 17\n",
                                        dns_selector_option("kube-system", {{"k8s-app", "coredns"}}));
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::invalid_input);
  EXPECT_NE(r.error->message.find("the DNS pods k8s-app=coredns in kube-system select no pod"), std::string::npos)
      << r.error->message;
  EXPECT_NE(r.error->message.find("coredns-1 (k8s-app=kube-dns)"), std::string::npos) << r.error->message;
}

TEST(DnsCheck, DnsModeNoneChecksNothing) {
  RecommendOptions options = dns_selector_option("kube-system", {{"k8s-app", "coredns"}});
  options.dns = DnsMode::none;
  const auto r = recommend_checking_dns("10.0.0.1 10.0.0.53 40000 53 17\n", options);
  EXPECT_FALSE(r.error);
}

TEST(DnsCheck, ANamespaceTheInventoryDoesNotListIsAWarning) {
  const auto r = recommend_checking_dns("10.0.0.1 10.0.0.9 40000 80 6\n", dns_selector_option("dns", {{"app", "dns"}}));
  EXPECT_FALSE(r.error);
  ASSERT_EQ(r.warnings.size(), 1U);
  EXPECT_EQ(r.warnings[0], "the inventory lists no pod in dns, so the DNS pods app=dns in dns could not be checked");
}

TEST(DnsCheck, DnsTrafficToPodsOutsideTheSelectorIsAWarningAndStaysAllowed) {
  // `a` resolves names through `resolver`, a pod the DNS selector does not pick.
  const auto r = recommend_checking_dns("10.0.0.1 10.0.0.9 40000 53 17\n", {});
  EXPECT_FALSE(r.error);
  ASSERT_EQ(r.warnings.size(), 1U);
  EXPECT_NE(r.warnings[0].find("DNS traffic (port 53) was observed to app/resolver[Pod] from 1 workload(s)"),
            std::string::npos)
      << r.warnings[0];
  bool allowed = false;
  for (const auto& policy : network_policies(r.model)) {
    if (policy.name != "a-netobs") continue;
    for (const auto& rule : policy.egress) {
      for (const auto& peer : rule.peers) {
        allowed = allowed || (peer.pod_selector && peer.pod_selector->match_labels == Labels{{"role", "resolver"}});
      }
    }
  }
  EXPECT_TRUE(allowed) << "the observed DNS edge to the resolver must stay allowed";
}

TEST(DnsCheck, EgressNamesWithoutDnsAnswersSaysSo) {
  RecommendOptions options;
  options.egress_names = true;
  const auto r = recommend_checking_dns("10.0.0.1 203.0.113.7 40000 443 6\n", options);
  ASSERT_EQ(r.warnings.size(), 1U);
  EXPECT_NE(r.warnings[0].find("the sources hold no DNS answers"), std::string::npos) << r.warnings[0];
}

TEST(DnsCheck, UnknownNamespacesAreTheNamedOnesNothingHolds) {
  const auto inventory = testing::inventory_from(k_dns_check_inventory);
  EXPECT_EQ(unknown_namespaces({"app", "ap", "kube-system", "zz"}, inventory, Graph{}),
            (std::vector<std::string>{"ap", "zz"}));
}

}  // namespace
}  // namespace netobs
