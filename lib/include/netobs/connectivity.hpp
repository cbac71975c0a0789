// The connectivity map of a set of manifests: every allowed connection between workloads and
// between workloads and external address ranges, as np-guard's netpol-analyzer lists it.
#pragma once

#include <string>
#include <vector>

#include <netobs/connection_set.hpp>
#include <netobs/engine.hpp>

namespace netobs {

struct ConnectivityEntry {
  std::string source;       // "ns/name[Kind]" or "a.b.c.d-e.f.g.h[External]"
  std::string destination;
  ConnectionSet connections;
};

struct ConnectivityReport {
  std::vector<ConnectivityEntry> entries;  // sorted by "source => destination : connections"
  std::vector<std::string> notes;
};

// Every non-empty connection between distinct workloads, and between workloads and the IPv4
// ranges the policies' ipBlocks (cidrs and excepts) split the address space into.
ConnectivityReport compute_connectivity(const PolicyEngine& engine);

// "a.b.c.d-e.f.g.h[External]" for an address range.
std::string external_name(const IpAddress& first, const IpAddress& last);

enum class ConnectivityFormat { txt, json, csv, md, dot };
std::string render_connectivity(const ConnectivityReport& report, ConnectivityFormat format);

}  // namespace netobs
