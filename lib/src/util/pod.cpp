// The one reader of Pod objects (see k8s_json.hpp), shared by the inventory and the manifest loader.
#include <algorithm>

#include <netobs/time.hpp>

#include "util/k8s_json.hpp"

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

// The latest of the time stamps Kubernetes writes into a pod's status, and when its last
// container finished (for a pod whose containers all ended).
void status_times(const json& status, Pod& pod) {
  auto see = [&](const json& parent, const char* key) {
    const auto time = parse_rfc3339(string_at(parent, key));
    if (time) pod.latest_time = std::max(pod.latest_time, *time);
    return time;
  };
  if (const json& conditions = field(status, "conditions"); conditions.is_array()) {
    for (const auto& condition : conditions) see(condition, "lastTransitionTime");
  }
  std::optional<std::int64_t> finished;
  bool all_finished = true;
  for (const char* list : {"initContainerStatuses", "containerStatuses"}) {
    const json& statuses = field(status, list);
    if (!statuses.is_array()) continue;
    for (const auto& container : statuses) {
      const json& state = field(container, "state");
      see(field(state, "running"), "startedAt");
      const auto end = see(field(state, "terminated"), "finishedAt");
      if (list == std::string_view("containerStatuses")) {
        if (end)
          finished = std::max(finished.value_or(*end), *end);
        else
          all_finished = false;
      }
    }
  }
  if (all_finished && finished) pod.finish_time = finished;
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
  status_times(status, pod);
  if (!pod.terminated) pod.finish_time.reset();
  for (const auto& time :
       {pod.start_time, pod.deletion_time, parse_rfc3339(string_at(metadata, "creationTimestamp"))}) {
    if (time) pod.latest_time = std::max(pod.latest_time, *time);
  }
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
