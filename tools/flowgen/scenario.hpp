// The sample scenario behind samples/flows/: a small shop on EKS across several namespaces, with
// the ground truth of which workload talks to which. The generator writes its inventory and
// flow records from this model; tests compare netobs's recommendations with the truth.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace flowgen {

struct PodSpec {
  std::string name;
  std::string ip;
  std::string node;  // node name
  std::int64_t start_time = 0;
  bool terminated = false;
};

struct WorkloadSpec {
  std::string ns;
  std::string kind;  // Deployment, StatefulSet, DaemonSet, CronJob
  std::string name;
  std::vector<std::pair<std::string, std::string>> selector;      // spec.selector.matchLabels
  std::vector<std::pair<std::string, std::string>> extra_labels;  // on pods, not in the selector
  std::vector<std::pair<std::string, int>> ports;                 // container port name, number (TCP)
  std::vector<PodSpec> pods;
  bool host_network = false;
  std::string template_hash = "5d8f7c9b4";
};

struct ServiceSpec {
  std::string ns;
  std::string name;
  std::string cluster_ip;
  std::vector<std::pair<std::string, std::string>> selector;
  struct Port {
    std::string protocol;
    int port;
    std::string target;  // number or name
  };
  std::vector<Port> ports;
};

struct NodeSpec {
  std::string name;
  std::string ip;
};

// One observed connection pattern between two endpoints (a workload, or an address outside).
struct Connection {
  std::string client;    // "ns/workload" or an IP
  std::string server;    // "ns/workload" or an IP
  std::string protocol;  // TCP or UDP
  int port = 0;
  int count = 1;           // connections over the window
  bool in_hubble = false;  // Cilium/Hubble saw it (the client and server have identities)
  bool in_vpc = false;     // VPC flow logs saw it (it crossed an ENI)
  bool snat = false;       // pod egress SNATed to the node address in VPC records
  std::string note;
};

struct Scenario {
  std::vector<NodeSpec> nodes;
  std::vector<WorkloadSpec> workloads;
  std::vector<ServiceSpec> services;
  std::vector<Connection> connections;
  std::int64_t window_start = 0;
  std::int64_t window_end = 0;
};

Scenario shop_scenario();

}  // namespace flowgen
