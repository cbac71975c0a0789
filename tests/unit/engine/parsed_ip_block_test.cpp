// ipBlocks are parsed once, when the policy is read: the engine and the connectivity ranges answer
// from the parsed ranges, never from the text (which is only written back out).
#include <gtest/gtest.h>

#include <netobs/connectivity.hpp>
#include <netobs/engine.hpp>

namespace netobs {
namespace {

const char* k_cluster = R"(
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: prod, labels: {app: web}}
spec: {containers: [{name: c}]}
status: {podIP: 10.1.0.5}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress: [{to: [{ipBlock: {cidr: 192.168.0.0/16, except: [192.168.1.0/24, not-a-cidr]}}]}]
)";

ManifestSet load_cluster() {
  auto set = load_manifest_text(k_cluster, "inline");
  EXPECT_TRUE(set) << (set ? "" : describe(set.error()));
  return set ? std::move(*set) : ManifestSet{};
}

IpBlock& the_block(ManifestSet& set) { return *set.policies.at(0).egress.at(0).peers.at(0).ip_block; }

Endpoint address(const char* text) { return Endpoint::range(*parse_ip(text), *parse_ip(text)); }

TEST(ParsedIpBlock, LoadingAPolicyParsesTheCidrAndEachExcept) {
  ManifestSet set = load_cluster();
  const IpBlock& block = the_block(set);
  EXPECT_EQ(block.cidr, "192.168.0.0/16");  // the text stays for output
  EXPECT_EQ(block.cidr_range, parse_cidr("192.168.0.0/16"));
  ASSERT_EQ(block.except_ranges.size(), 2U);
  EXPECT_EQ(block.except_ranges[0], parse_cidr("192.168.1.0/24"));
  EXPECT_EQ(block.except_ranges[1], std::nullopt);  // not a CIDR: lint reports it, the engine ignores it
}

// The text is made unparsable after loading: only an engine that uses the parsed ranges still
// allows 192.168.0.0/16 minus 192.168.1.0/24.
TEST(ParsedIpBlock, EngineAnswersFromTheParsedRanges) {
  ManifestSet set = load_cluster();
  IpBlock& block = the_block(set);
  block.cidr = "unparsed";
  block.except = {"unparsed", "unparsed"};
  const PolicyEngine engine(set, IpBlockScope::all);
  const Endpoint web = Endpoint::of(set.pods.at(0));
  EXPECT_TRUE(engine.allowed(web, address("192.168.7.1")).is_all());
  EXPECT_TRUE(engine.allowed(web, address("192.168.1.1")).empty());
  EXPECT_TRUE(engine.allowed(web, address("8.8.8.8")).empty());
}

TEST(ParsedIpBlock, ConnectivityRangesComeFromTheParsedRanges) {
  ManifestSet set = load_cluster();
  IpBlock& block = the_block(set);
  block.cidr = "unparsed";
  block.except = {"unparsed", "unparsed"};
  const auto atoms = external_atoms({&set});
  std::vector<std::string> names;
  for (const auto& atom : atoms.destinations) names.push_back(external_name(atom.first, atom.last));
  EXPECT_EQ(names,
            (std::vector<std::string>{"0.0.0.0-192.167.255.255[External]", "192.168.0.0-192.168.0.255[External]",
                                      "192.168.1.0-192.168.1.255[External]", "192.168.2.0-192.168.255.255[External]",
                                      "192.169.0.0-255.255.255.255[External]"}));
}

}  // namespace
}  // namespace netobs
