// The one reader of Pod objects (see k8s_json.hpp), shared by the inventory and the manifest loader.
#include <algorithm>

#include "util/k8s_json.hpp"
#include "util/time.hpp"

namespace netobs::k8s {
namespace {

using nlohmann::json;

std::vector<IpAddress> pod_ips(const json& status) {
  std::vector<IpAddress> ips;
  auto add = [&](const std::string& text) {
    if (auto ip = parse_ip(text); ip && std::find(ips.begin(), ips.end(), *ip) == ips.end()) ips.push_back(*ip);
  };
  if (const json& list = field(status, "podIPs"); list.is_array()) {
    for (const auto& entry : list) add(string_at(entry, "ip"));
  }
  add(string_at(status, "podIP"));
  return ips;
}

}  // namespace

Pod parse_pod(const json& item) {
  const json& metadata = field(item, "metadata");
  const json& spec = field(item, "spec");
  const json& status = field(item, "status");
  Pod pod;
  pod.namespace_name = namespace_of(metadata);
  pod.name = string_at(metadata, "name");
  pod.labels = labels_at(field(metadata, "labels"));
  pod.ips = pod_ips(status);
  pod.host_ip = parse_ip(string_at(status, "hostIP"));
  pod.host_network = field(spec, "hostNetwork") == true;
  pod.node_name = string_at(spec, "nodeName");
  pod.ports = container_ports(spec);
  pod.start_time = parse_rfc3339(string_at(status, "startTime"));
  if (!pod.start_time) pod.start_time = parse_rfc3339(string_at(metadata, "creationTimestamp"));
  pod.deletion_time = parse_rfc3339(string_at(metadata, "deletionTimestamp"));
  const std::string phase = string_at(status, "phase");
  pod.terminated = phase == "Succeeded" || phase == "Failed";
  pod.controller = {pod.namespace_name, "Pod", pod.name};
  if (auto controller = controller_of(metadata)) {
    // Static pods are owned by their Node: they are their own workload. An owner without a kind
    // still names the workload, as np-guard reads it.
    if (controller->first != "Node") {
      pod.controller = {pod.namespace_name, controller->first.empty() ? "Pod" : controller->first, controller->second};
    }
  }
  pod.owner = pod.controller;
  return pod;
}

}  // namespace netobs::k8s
