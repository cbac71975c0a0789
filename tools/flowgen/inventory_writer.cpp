#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "netobs_time.hpp"
#include "writers.hpp"

namespace flowgen {
namespace {

using nlohmann::ordered_json;

ordered_json labels_json(const std::vector<std::pair<std::string, std::string>>& labels) {
  ordered_json out = ordered_json::object();
  for (const auto& [k, v] : labels) out[k] = v;
  return out;
}

ordered_json meta(const std::string& ns, const std::string& name, const ordered_json& labels) {
  ordered_json m;
  m["name"] = name;
  if (!ns.empty()) m["namespace"] = ns;
  m["uid"] = fmt::format("{:08x}-0000-4000-8000-{:012x}", std::hash<std::string>{}(ns + "/" + name) & 0xffffffff,
                         std::hash<std::string>{}(name)&0xffffffffffff);
  if (!labels.empty()) m["labels"] = labels;
  return m;
}

ordered_json owner(const std::string& api, const std::string& kind, const std::string& name) {
  return ordered_json::array({{{"apiVersion", api}, {"kind", kind}, {"name", name}, {"controller", true}}});
}

std::string api_of(const std::string& kind) { return kind == "CronJob" || kind == "Job" ? "batch/v1" : "apps/v1"; }

}  // namespace

std::string inventory_json(const Scenario& s) {
  ordered_json items = ordered_json::array();
  std::set<std::string> namespaces;
  for (const auto& w : s.workloads) namespaces.insert(w.ns);
  for (const auto& ns : namespaces) {
    items.push_back({{"apiVersion", "v1"},
                     {"kind", "Namespace"},
                     {"metadata", meta("", ns, {{"kubernetes.io/metadata.name", ns}})},
                     {"status", {{"phase", "Active"}}}});
  }
  for (const auto& node : s.nodes) {
    items.push_back({{"apiVersion", "v1"},
                     {"kind", "Node"},
                     {"metadata", meta("", node.name, {{"kubernetes.io/hostname", node.name}})},
                     {"status",
                      {{"addresses", ordered_json::array({{{"type", "InternalIP"}, {"address", node.ip}},
                                                          {{"type", "Hostname"}, {"address", node.name}}})}}}});
  }
  for (const auto& w : s.workloads) {
    ordered_json selector = labels_json(w.selector);
    ordered_json pod_labels = selector;
    for (const auto& [k, v] : w.extra_labels) pod_labels[k] = v;
    ordered_json ports = ordered_json::array();
    for (const auto& [name, number] : w.ports) {
      ports.push_back({{"name", name}, {"containerPort", number}, {"protocol", "TCP"}});
      if (name == "dns") ports.push_back({{"name", "dns-udp"}, {"containerPort", number}, {"protocol", "UDP"}});
    }
    ordered_json pod_spec = {{"containers", ordered_json::array({{{"name", w.name},
                                                                  {"image", "public.ecr.aws/shop/" + w.name + ":1.4.2"},
                                                                  {"ports", ports}}})}};
    if (w.host_network) pod_spec["hostNetwork"] = true;
    std::string controller_kind = w.kind, controller_name = w.name;
    if (w.kind == "Deployment") {
      controller_kind = "ReplicaSet";
      controller_name = w.name + "-" + w.template_hash;
      ordered_json rs_labels = pod_labels;
      rs_labels["pod-template-hash"] = w.template_hash;
      items.push_back({{"apiVersion", "apps/v1"},
                       {"kind", "Deployment"},
                       {"metadata", meta(w.ns, w.name, pod_labels)},
                       {"spec",
                        {{"replicas", w.pods.size()},
                         {"selector", {{"matchLabels", selector}}},
                         {"template", {{"metadata", {{"labels", pod_labels}}}, {"spec", pod_spec}}}}}});
      ordered_json rs_meta = meta(w.ns, controller_name, rs_labels);
      rs_meta["ownerReferences"] = owner("apps/v1", "Deployment", w.name);
      ordered_json rs_selector = selector;
      rs_selector["pod-template-hash"] = w.template_hash;
      items.push_back({{"apiVersion", "apps/v1"},
                       {"kind", "ReplicaSet"},
                       {"metadata", rs_meta},
                       {"spec", {{"replicas", w.pods.size()}, {"selector", {{"matchLabels", rs_selector}}}}}});
    } else if (w.kind == "CronJob") {
      items.push_back({{"apiVersion", "batch/v1"},
                       {"kind", "CronJob"},
                       {"metadata", meta(w.ns, w.name, pod_labels)},
                       {"spec", {{"schedule", "*/30 * * * *"}}}});
    } else {
      items.push_back({{"apiVersion", "apps/v1"},
                       {"kind", w.kind},
                       {"metadata", meta(w.ns, w.name, pod_labels)},
                       {"spec",
                        {{"selector", {{"matchLabels", selector}}},
                         {"template", {{"metadata", {{"labels", pod_labels}}}, {"spec", pod_spec}}}}}});
    }
    for (const auto& pod : w.pods) {
      ordered_json labels = pod_labels;
      std::string pod_controller_kind = controller_kind, pod_controller = controller_name;
      if (w.kind == "Deployment") labels["pod-template-hash"] = w.template_hash;
      if (w.kind == "StatefulSet") {
        labels["statefulset.kubernetes.io/pod-name"] = pod.name;
        labels["controller-revision-hash"] = w.name + "-7c6d5b8f9";
      }
      if (w.kind == "DaemonSet") labels["controller-revision-hash"] = "6b5c4d7e8";
      if (w.kind == "CronJob") {
        // orders-cleanup-29380000-qrstu: Job orders-cleanup-29380000 of the CronJob.
        const std::string job = pod.name.substr(0, pod.name.rfind('-'));
        pod_controller_kind = "Job";
        pod_controller = job;
        labels["job-name"] = job;
        labels["batch.kubernetes.io/job-name"] = job;
        labels["controller-uid"] = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
        ordered_json job_meta = meta(w.ns, job, labels);
        job_meta["ownerReferences"] = owner("batch/v1", "CronJob", w.name);
        items.push_back({{"apiVersion", "batch/v1"},
                         {"kind", "Job"},
                         {"metadata", job_meta},
                         {"spec",
                          {{"selector",
                            {{"matchLabels",
                              {{"batch.kubernetes.io/controller-uid", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}}}}}}}});
      }
      ordered_json pod_meta = meta(w.ns, pod.name, labels);
      pod_meta["ownerReferences"] = owner(api_of(pod_controller_kind), pod_controller_kind, pod_controller);
      ordered_json spec = pod_spec;
      spec["nodeName"] = pod.node;
      items.push_back({{"apiVersion", "v1"},
                       {"kind", "Pod"},
                       {"metadata", pod_meta},
                       {"spec", spec},
                       {"status",
                        {{"phase", pod.terminated ? "Succeeded" : "Running"},
                         {"podIP", pod.ip},
                         {"podIPs", ordered_json::array({{{"ip", pod.ip}}})},
                         {"startTime", format_time(pod.start_time)}}}});
    }
  }
  for (const auto& svc : s.services) {
    ordered_json ports = ordered_json::array();
    for (const auto& p : svc.ports) {
      ordered_json port = {{"name", fmt::format("{}-{}", p.protocol == "UDP" ? "dns" : "tcp", p.port)},
                           {"port", p.port},
                           {"protocol", p.protocol}};
      if (p.target.find_first_not_of("0123456789") == std::string::npos)
        port["targetPort"] = std::stoi(p.target);
      else
        port["targetPort"] = p.target;
      ports.push_back(port);
    }
    ordered_json labels = labels_json(svc.selector);
    items.push_back({{"apiVersion", "v1"},
                     {"kind", "Service"},
                     {"metadata", meta(svc.ns, svc.name, labels)},
                     {"spec",
                      {{"type", "ClusterIP"},
                       {"clusterIP", svc.cluster_ip},
                       {"clusterIPs", ordered_json::array({svc.cluster_ip})},
                       {"selector", labels_json(svc.selector)},
                       {"ports", ports}}}});
  }
  ordered_json list = {
      {"apiVersion", "v1"}, {"kind", "List"}, {"items", items}, {"metadata", {{"resourceVersion", ""}}}};
  return list.dump(2) + "\n";
}

}  // namespace flowgen
