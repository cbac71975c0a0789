// Field paths of lint findings, as kubectl names fields: indexes in brackets, keys after dots,
// keys that are no plain name (label keys) quoted in brackets.
#include <gtest/gtest.h>

#include "lint/context.hpp"

namespace netobs::lint {
namespace {

TEST(LintLocate, FieldPathsReadAsKubectlWritesThem) {
  const auto policy = nlohmann::json::parse(R"({"spec": {"ingress": [{"ports": [{"port": 1}, {"port": 70000}]}],
    "podSelector": {"matchLabels": {"app.kubernetes.io/name": "web", "7": "x"}}}})");
  EXPECT_EQ(field_path(policy, ""), "");
  EXPECT_EQ(field_path(policy, "/spec/ingress/0/ports/1/port"), "spec.ingress[0].ports[1].port");
  EXPECT_EQ(field_path(policy, "/spec/podSelector/matchLabels/7"),
            "spec.podSelector.matchLabels.7");  // a key, not an index
  // Rules build pointers from raw keys: a '/' in a label key splits it, and nothing throws.
  EXPECT_EQ(field_path(policy, "/spec/podSelector/matchLabels/app.kubernetes.io/name"),
            R"(spec.podSelector.matchLabels["app.kubernetes.io"].name)");
  EXPECT_EQ(field_path(policy, "/spec/egress/~x/9"), R"(spec.egress["~x"].9)");
}

TEST(LintLocate, ObjectsReadAsKindNamespaceName) {
  EXPECT_EQ(to_string(ObjectRef{"NetworkPolicy", "shop", "web"}), "NetworkPolicy shop/web");
  EXPECT_EQ(to_string(ObjectRef{"Namespace", "", "shop"}), "Namespace shop");
}

}  // namespace
}  // namespace netobs::lint
