// The names every part of netobs gives to workloads and the ports their pods declare: a small
// header of its own so readers, the graph and the engine share them without the inventory.
#pragma once

#include <cstdint>
#include <string>

#include <netobs/flow.hpp>

namespace netobs {

// A workload is named by its root owner: Deployment, StatefulSet, DaemonSet, CronJob, Job,
// ReplicaSet without a Deployment, ReplicationController, or a bare Pod.
struct WorkloadRef {
  std::string namespace_name;
  std::string kind;
  std::string name;

  auto operator<=>(const WorkloadRef&) const = default;
};

// "ns/name[Kind]", the name reports and connectivity lists give a workload.
std::string workload_name(const WorkloadRef& ref);

struct ContainerPort {
  std::string name;  // may be empty
  Protocol protocol = Protocol::tcp;
  std::uint16_t port = 0;

  auto operator<=>(const ContainerPort&) const = default;
};

}  // namespace netobs
