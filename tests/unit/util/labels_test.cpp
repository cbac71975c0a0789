#include <gtest/gtest.h>

#include <netobs/labels.hpp>

namespace netobs {
namespace {

TEST(LabelSelector, MatchLabelsAndExpressions) {
  LabelSelector selector{{{"app", "shop"}},
                         {{"tier", SelectorOperator::in, {"api", "web"}},
                          {"canary", SelectorOperator::does_not_exist, {}},
                          {"zone", SelectorOperator::not_in, {"b"}},
                          {"team", SelectorOperator::exists, {}}}};
  EXPECT_TRUE(selector.matches({{"app", "shop"}, {"tier", "web"}, {"team", "x"}}));
  EXPECT_FALSE(selector.matches({{"app", "shop"}, {"tier", "db"}, {"team", "x"}}));
  EXPECT_FALSE(selector.matches({{"app", "shop"}, {"tier", "web"}, {"team", "x"}, {"canary", "1"}}));
  EXPECT_FALSE(selector.matches({{"app", "shop"}, {"tier", "web"}, {"team", "x"}, {"zone", "b"}}));
  EXPECT_TRUE(selector.matches({{"app", "shop"}, {"tier", "web"}, {"team", "x"}, {"zone", "a"}}));
  EXPECT_FALSE(selector.matches({{"app", "shop"}, {"tier", "web"}}));
  EXPECT_TRUE(LabelSelector{}.matches({}));
}

TEST(LabelSelector, PrintsLikeKubectl) {
  LabelSelector selector{{{"app", "shop"}}, {{"tier", SelectorOperator::in, {"api", "web"}}}};
  EXPECT_EQ(to_string(selector), "app=shop,tier in (api,web)");
}

TEST(Labels, VolatileLabelsAreRecognised) {
  for (const char* key : {"pod-template-hash", "controller-revision-hash", "statefulset.kubernetes.io/pod-name",
                          "apps.kubernetes.io/pod-index", "pod-template-generation", "job-name", "controller-uid",
                          "batch.kubernetes.io/job-name", "batch.kubernetes.io/controller-uid",
                          "app.kubernetes.io/version", "helm.sh/chart"}) {
    EXPECT_TRUE(is_volatile_label(key)) << key;
  }
  for (const char* key : {"app", "app.kubernetes.io/name", "version", "k8s-app", "tier"}) {
    EXPECT_FALSE(is_volatile_label(key)) << key;
  }
}

TEST(Labels, SharedStableLabelsDropVolatileAndDiffering) {
  const Labels a{{"app", "ui"}, {"pod-template-hash", "abc"}, {"zone", "a"}, {"helm.sh/chart", "ui-1"}};
  const Labels b{{"app", "ui"}, {"pod-template-hash", "abc"}, {"zone", "b"}, {"helm.sh/chart", "ui-1"}};
  EXPECT_EQ(shared_stable_labels({&a, &b}), (Labels{{"app", "ui"}}));
  EXPECT_TRUE(shared_stable_labels({}).empty());
}

}  // namespace
}  // namespace netobs
