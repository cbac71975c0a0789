// The one pod model of netobs, read by one parser from a Pod object (`kubectl get pods -o json`,
// a Pod manifest, or the API server): the inventory and the manifest loader both use it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <netobs/ip.hpp>
#include <netobs/labels.hpp>
#include <netobs/workload.hpp>

namespace netobs {

struct Pod {
  std::string namespace_name;
  std::string name;
  Labels labels;
  std::vector<IpAddress> ips;        // status.podIPs, then status.podIP (deduplicated)
  std::optional<IpAddress> host_ip;  // status.hostIP: the node it runs on
  bool host_network = false;
  std::string node_name;
  std::vector<ContainerPort> ports;
  std::optional<std::int64_t> start_time;     // Unix seconds: status.startTime, else creationTimestamp
  std::optional<std::int64_t> deletion_time;  // Unix seconds: metadata.deletionTimestamp
  std::optional<std::int64_t> finish_time;    // when the last container of a terminated pod ended
  bool terminated = false;                    // phase Succeeded or Failed (or gone): its IP may be reused
  // The latest time stamp in the object: the snapshot that listed it was taken no earlier.
  std::int64_t latest_time = 0;
  // Set by the inventory from every snapshot given: the time of the last snapshot that listed the
  // pod, and when it stopped holding its addresses (nullopt: it still holds them).
  std::int64_t seen_until = 0;
  std::optional<std::int64_t> lease_end;
  WorkloadRef controller;  // the direct controller (ownerReferences), or the pod itself
  WorkloadRef owner;       // the root owner, once an inventory resolved it
};

}  // namespace netobs
