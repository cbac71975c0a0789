#include <set>

#include <netobs/edge_check.hpp>

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

std::string missing_ports(bool udp, bool tcp) { return !udp && !tcp ? "UDP or TCP 53" : !udp ? "UDP 53" : "TCP 53"; }

// DNS blocked by another kind than NetworkPolicy (an Admin or Baseline Deny, a Cilium policy): one
// finding per blocking rule or policy, at it, naming the first workload it cuts off.
void check_other_kinds(const LintContext& ctx, const std::vector<ClusterPod>& dns, Diagnostics& out) {
  if (ctx.set->tiered.empty() && ctx.set->cilium.empty()) return;
  std::set<WorkloadRef> seen;
  std::set<std::string> reported;
  for (const auto& pod : ctx.set->pods) {
    if (pod.host_network || !seen.insert(pod.owner).second) continue;
    bool udp = false, tcp = false;
    Blocker blocker;
    for (const auto& server : dns) {
      SideExplanation why;
      const ConnectionSet allowed = ctx.engine->side(PolicyType::egress, Endpoint::of(pod), Endpoint::of(server), &why);
      udp = udp || allowed.contains(Protocol::udp, 53);
      tcp = tcp || allowed.contains(Protocol::tcp, 53);
      if (blocker.what.empty() && !(udp && tcp))
        blocker = blocker_of(*ctx.engine, why, pod, udp ? Protocol::tcp : Protocol::udp, 53);
    }
    // A NetworkPolicy's isolation is reported at that policy, by the loop over policies.
    if ((udp && tcp) || blocker.policy || blocker.what.empty() || !reported.insert(blocker.what).second) continue;
    Diagnostic d;
    d.location = blocker.location;
    d.message = "egress isolation blocks DNS: " + workload_name(pod.owner) +
                " cannot reach the cluster DNS (k8s-app=kube-dns in kube-system) on " + missing_ports(udp, tcp) +
                ": blocked by " + blocker.what;
    d.involves = {pod.namespace_name};
    out.push_back(std::move(d));
  }
}

Diagnostics check_dns_egress_blocked(const LintContext& ctx) {
  Diagnostics out;
  const auto dns = dns_pods(*ctx.set);
  check_other_kinds(ctx, dns, out);
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
      bool by_other_kind = false;  // an Admin Deny or a Cilium rule blocks it: reported at that rule
      for (const auto& server : dns) {
        SideExplanation why;
        const ConnectionSet allowed =
            ctx.engine->side(PolicyType::egress, Endpoint::of(pod), Endpoint::of(server), &why);
        udp = udp || allowed.contains(Protocol::udp, 53);
        tcp = tcp || allowed.contains(Protocol::tcp, 53);
        if (!pod.name.empty() && !(udp && tcp)) {
          const Blocker blocker = blocker_of(*ctx.engine, why, pod, udp ? Protocol::tcp : Protocol::udp, 53);
          by_other_kind = by_other_kind || (!blocker.what.empty() && !blocker.policy);
        }
      }
      if (by_other_kind) continue;
      if (!udp || !tcp) {
        out.push_back(ctx.at(input, "/spec",
                             std::string("egress isolation blocks DNS: ") + (pod.name.empty() ? "its pods" : pod.name) +
                                 " cannot reach the cluster DNS (k8s-app=kube-dns in kube-system) on " +
                                 missing_ports(udp, tcp)));
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
