#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

// The cluster DNS pods the manifests know (k8s-app=kube-dns in kube-system), or a stand-in.
std::vector<ClusterPod> dns_pods(const ManifestSet& set) {
  std::vector<ClusterPod> pods;
  for (const auto& pod : set.pods) {
    auto it = pod.labels.find("k8s-app");
    if (pod.namespace_name == "kube-system" && it != pod.labels.end() && it->second == "kube-dns") pods.push_back(pod);
  }
  if (pods.empty()) {
    ClusterPod standin;
    standin.namespace_name = "kube-system";
    standin.name = "coredns";
    standin.labels = {{"k8s-app", "kube-dns"}};
    standin.ports = {{"dns", Protocol::udp, 53}, {"dns-tcp", Protocol::tcp, 53}};
    standin.owner = {"kube-system", "Deployment", "coredns"};
    pods.push_back(standin);
  }
  return pods;
}

Diagnostics check_dns_egress_blocked(const LintContext& ctx) {
  Diagnostics out;
  const auto dns = dns_pods(*ctx.set);
  for (const auto& input : ctx.policies) {
    const NetworkPolicy& policy = *input.policy;
    if (!policy.isolates(PolicyType::egress)) continue;
    // The pods it isolates; without pods, one that carries exactly its matchLabels.
    std::vector<ClusterPod> subjects;
    // Host-network pods resolve through the node's network, which most CNIs never isolate:
    // egress isolation does not cut their DNS.
    for (const auto& pod : ctx.set->pods) {
      if (!pod.host_network && ctx.engine->selects(policy, pod)) subjects.push_back(pod);
    }
    if (subjects.empty() && !ctx.pods_known && policy.pod_selector.match_expressions.empty()) {
      ClusterPod standin;
      standin.namespace_name = policy.namespace_name;
      standin.labels = policy.pod_selector.match_labels;
      subjects.push_back(standin);
    }
    for (const auto& pod : subjects) {
      bool udp = false, tcp = false;
      for (const auto& server : dns) {
        const ConnectionSet allowed = ctx.engine->side(PolicyType::egress, Endpoint::of(pod), Endpoint::of(server));
        udp = udp || allowed.contains(Protocol::udp, 53);
        tcp = tcp || allowed.contains(Protocol::tcp, 53);
      }
      if (!udp || !tcp) {
        out.push_back(ctx.at(input, "/spec",
                             std::string("egress isolation blocks DNS: ") + (pod.name.empty() ? "its pods" : pod.name) +
                                 " cannot reach the cluster DNS (k8s-app=kube-dns in kube-system) on " +
                                 (!udp && !tcp ? "UDP or TCP 53"
                                  : !udp       ? "UDP 53"
                                               : "TCP 53")));
        break;
      }
    }
  }
  return out;
}

}  // namespace

const Rule k_dns_egress_blocked{
    "dns-egress-blocked", Severity::warning,
    "Egress isolation that blocks DNS to the cluster DNS pods (the classic default-deny outage)",
    "Add an egress rule to namespaceSelector kubernetes.io/metadata.name=kube-system with podSelector "
    "k8s-app=kube-dns, on UDP 53 and TCP 53.",
    &check_dns_egress_blocked};

}  // namespace netobs::lint::rules
