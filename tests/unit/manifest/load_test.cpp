// The manifest loader: which files and documents become policies, pods and namespaces, what is
// skipped with a note, and how a file that does not parse is reported.
#include <gtest/gtest.h>

#include <netobs/limits.hpp>
#include <netobs/manifest.hpp>

#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

const char* const k_policy = R"(apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
  - from: [{podSelector: {matchLabels: {app: front}}}]
    ports: [{port: 8080}]
)";

TEST(ManifestLoad, ReadsPoliciesPodsAndNamespacesFromFilesAndLists) {
  const testing::TempDir dir;
  dir.write("k8s/policy.yaml", k_policy);
  dir.write("k8s/sub/objects.yaml", R"(apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Namespace
  metadata: {name: shop, labels: {team: a}}
- apiVersion: v1
  kind: Pod
  metadata: {name: web-0, namespace: shop, labels: {app: web}}
  status: {podIP: 10.0.0.5}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
)");
  dir.write("k8s/README.md", "not a manifest");
  dir.write("k8s/.hidden/policy.yaml", "{{ broken");
  auto set = load_manifests({(dir.path() / "k8s").string()});
  ASSERT_TRUE(set) << describe(set.error());
  ASSERT_EQ(set->policies.size(), 1U);
  EXPECT_EQ(set->policies[0].name, "web");
  EXPECT_EQ(set->policies[0].namespace_name, "shop");
  EXPECT_EQ(set->policies[0].location.line, 1U);
  EXPECT_TRUE(set->policies[0].location.file.ends_with("policy.yaml"));
  ASSERT_EQ(set->pods.size(), 1U);
  EXPECT_EQ(set->pods[0].name, "web-0");
  EXPECT_EQ(set->namespace_labels("shop").at("team"), "a");
  EXPECT_EQ(set->namespace_labels("shop").at("kubernetes.io/metadata.name"), "shop");
  EXPECT_TRUE(set->problems.empty());
  // The README is noted; the hidden directory is not read at all.
  EXPECT_TRUE(std::any_of(set->notes.begin(), set->notes.end(),
                          [](const std::string& n) { return n.find("README.md") != std::string::npos; }));
}

TEST(ManifestLoad, AFileThatDoesNotParseIsAProblemOrTheEnd) {
  const testing::TempDir dir;
  dir.write("good.yaml", k_policy);
  const std::string bad = dir.write("bad.yaml", "kind: NetworkPolicy\nspec: [\n");
  auto reported = load_manifests({dir.path().string()});
  ASSERT_TRUE(reported);
  EXPECT_EQ(reported->policies.size(), 1U);
  ASSERT_EQ(reported->problems.size(), 1U);
  EXPECT_EQ(reported->problems[0].location.file, bad);
  EXPECT_GT(reported->problems[0].location.line, 0U);
  auto strict = load_manifests({dir.path().string()}, InputErrors::fail);
  ASSERT_FALSE(strict);
  EXPECT_EQ(strict.error().kind, ErrorKind::invalid_input);
  EXPECT_TRUE(describe(strict.error()).starts_with(bad + ":")) << describe(strict.error());
}

TEST(ManifestLoad, TemplatesGetAHint) {
  const testing::TempDir dir;
  dir.write("chart.yaml", "metadata:\n  name: {{ .Values.name }}\n  x: [\n");
  auto set = load_manifests({dir.path().string()});
  ASSERT_TRUE(set);
  ASSERT_EQ(set->problems.size(), 1U);
  EXPECT_NE(set->problems[0].hint.find("helm template"), std::string::npos);
}

TEST(ManifestLoad, ALimitStopsTheLoadEvenWhenProblemsAreReported) {
  const testing::TempDir dir;
  dir.write("deep.yaml", "a: [[[[[[1]]]]]]\n");
  InputLimits limits;
  limits.max_depth = 4;
  set_input_limits(limits);
  auto set = load_manifests({dir.path().string()});
  set_input_limits(InputLimits{});
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().kind, ErrorKind::limit);
  EXPECT_NE(describe(set.error()).find("raise it with max_depth"), std::string::npos);
}

TEST(ManifestLoad, AMissingPathIsAnIoError) {
  auto set = load_manifests({"/nonexistent/netobs/k8s"});
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().kind, ErrorKind::io);
}

}  // namespace
}  // namespace netobs
