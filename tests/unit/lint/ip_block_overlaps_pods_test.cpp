// The ip-block-overlaps-pods rule judges the ranges parsed when the policy was read (not a second
// parse of the raw JSON), and points at the raw cidr of the same peer.
#include <gtest/gtest.h>

#include "lint/rules/rules.hpp"
#include "manifest/documents.hpp"

namespace netobs::lint {
namespace {

const char* k_cluster = R"(
apiVersion: v1
kind: Pod
metadata: {name: db-0, namespace: shop, labels: {app: db}}
spec: {containers: [{name: c}]}
status: {podIP: 10.0.3.4}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec:
  podSelector: {}
  ingress: [{from: [{podSelector: {}}, {ipBlock: {cidr: 192.168.0.0/16}}]}]
)";

TEST(LintIpBlockOverlapsPods, JudgesTheParsedRangeAndPointsAtTheRawPeer) {
  auto files = read_manifest_text(k_cluster, "inline.yaml");
  ASSERT_TRUE(files) << describe(files.error());
  std::vector<const ManifestObject*> objects;
  ManifestSet set = build_manifest_set(*files, &objects);
  ASSERT_EQ(set.policies.size(), 1U);
  // The raw JSON says 192.168.0.0/16 (no pod); the parsed range says 10.0.0.0/16 (the pod's).
  set.policies[0].ingress.at(0).peers.at(1).ip_block->cidr_range = parse_cidr("10.0.0.0/16");
  const PolicyEngine engine(set, IpBlockScope::all);
  LintContext ctx;
  ctx.policies.push_back({objects[0], &set.policies[0]});
  ctx.set = &set;
  ctx.engine = &engine;
  ctx.pods_known = true;
  const Diagnostics found = rules::k_ip_block_overlaps_pods.check(ctx);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].field, "spec.ingress[0].from[1].ipBlock.cidr");
  EXPECT_NE(found[0].message.find("covers the pod addresses of shop/db-0"), std::string::npos) << found[0].message;
}

}  // namespace
}  // namespace netobs::lint
