// Manifests that hold pods and their owners: each workload once, named by its root owner, as the
// inventory names it; a workload object stands for pods only when the files list none of its own.
#include <algorithm>

#include <gtest/gtest.h>

#include <netobs/manifest.hpp>

namespace netobs {
namespace {

std::vector<std::string> owners_of(const std::vector<ClusterPod>& pods) {
  std::vector<std::string> names;
  for (const auto& pod : pods) names.push_back(workload_name(pod.owner));
  std::sort(names.begin(), names.end());
  return names;
}

TEST(ManifestOwners, PodsAndTheirOwnersAreOneWorkloadEach) {
  auto set = load_manifest_text(R"(apiVersion: v1
kind: List
items:
- {apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: shop},
   spec: {template: {metadata: {labels: {app: web}}}}}
- {apiVersion: apps/v1, kind: ReplicaSet,
   metadata: {name: web-5d8f, namespace: shop, ownerReferences: [{kind: Deployment, name: web, controller: true}]},
   spec: {template: {metadata: {labels: {app: web, pod-template-hash: 5d8f}}}}}
- {apiVersion: v1, kind: Pod, status: {phase: Running},
   metadata: {name: web-5d8f-a, namespace: shop, labels: {app: web},
              ownerReferences: [{kind: ReplicaSet, name: web-5d8f, controller: true}]}}
- {apiVersion: batch/v1, kind: CronJob, metadata: {name: report, namespace: shop},
   spec: {jobTemplate: {spec: {template: {metadata: {labels: {app: report}}}}}}}
- {apiVersion: batch/v1, kind: Job,
   metadata: {name: report-1, namespace: shop, ownerReferences: [{kind: CronJob, name: report, controller: true}]},
   spec: {template: {metadata: {labels: {app: report}}}}}
- {apiVersion: v1, kind: Pod, status: {phase: Succeeded},
   metadata: {name: report-1-x, namespace: shop, labels: {app: report},
              ownerReferences: [{kind: Job, name: report-1, controller: true}]}}
- {apiVersion: v1, kind: Pod, status: {phase: Failed},
   metadata: {name: evicted, namespace: shop, labels: {app: gone}}}
)",
                                "inline");
  ASSERT_TRUE(set) << describe(set.error());
  // The pods are listed: neither the Deployment nor its ReplicaSet adds one, nor the CronJob or
  // its Job. Pods of manifests count whatever their phase, as np-guard counts them.
  EXPECT_EQ(owners_of(set->pods),
            (std::vector<std::string>{"shop/evicted[Pod]", "shop/report[CronJob]", "shop/web[Deployment]"}));
  EXPECT_TRUE(set->finished_pods.empty());
}

TEST(ManifestOwners, AWorkloadWithoutPodsStandsForThemOnceThroughItsRootObject) {
  auto set = load_manifest_text(R"(apiVersion: v1
kind: List
items:
- {apiVersion: apps/v1, kind: ReplicaSet,
   metadata: {name: web-old, namespace: shop, ownerReferences: [{kind: Deployment, name: web, controller: true}]},
   spec: {template: {metadata: {labels: {app: web, version: v1}}}}}
- {apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: shop},
   spec: {template: {metadata: {labels: {app: web}}}}}
- {apiVersion: apps/v1, kind: ReplicaSet,
   metadata: {name: api-5d8f, namespace: shop, ownerReferences: [{kind: Deployment, name: api, controller: true}]},
   spec: {template: {metadata: {labels: {app: api}}}}}
)",
                                "inline");
  ASSERT_TRUE(set) << describe(set.error());
  EXPECT_EQ(owners_of(set->pods), (std::vector<std::string>{"shop/api[Deployment]", "shop/web[Deployment]"}));
  const auto web =
      std::find_if(set->pods.begin(), set->pods.end(), [](const ClusterPod& p) { return p.owner.name == "web"; });
  ASSERT_NE(web, set->pods.end());
  EXPECT_FALSE(web->labels.contains("version"));  // the Deployment's template, not the old ReplicaSet's
}

TEST(ManifestOwners, PodsOfAReplicaSetNoFileHoldsKeepItsName) {
  // As np-guard's suite has them: only a Deployment object of that name makes them its pods.
  const char* const pods = R"(apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: Pod, metadata: {name: web-5d8f-a, namespace: shop, labels: {app: web, pod-template-hash: 5d8f},
   ownerReferences: [{kind: ReplicaSet, name: web-5d8f, controller: true}]}}
)";
  auto alone = load_manifest_text(pods, "inline");
  ASSERT_TRUE(alone) << describe(alone.error());
  EXPECT_EQ(owners_of(alone->pods), std::vector<std::string>{"shop/web-5d8f[ReplicaSet]"});
  auto with_deployment = load_manifest_text(
      std::string(pods) + R"(- {apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: shop},
   spec: {template: {metadata: {labels: {app: web}}}}}
)",
      "inline");
  ASSERT_TRUE(with_deployment) << describe(with_deployment.error());
  EXPECT_EQ(owners_of(with_deployment->pods), std::vector<std::string>{"shop/web[Deployment]"});
}

}  // namespace
}  // namespace netobs
