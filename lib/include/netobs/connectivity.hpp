// The connectivity map of a set of manifests: every allowed connection between workloads and
// between workloads and external address ranges, as np-guard's netpol-analyzer lists it.
#pragma once

#include <string>
#include <vector>

#include <netobs/connection_set.hpp>
#include <netobs/engine.hpp>
#include <netobs/report_scope.hpp>

namespace netobs {

struct ConnectivityEntry {
  std::string source;  // "ns/name[Kind]" or "a.b.c.d-e.f.g.h[External]"
  std::string destination;
  ConnectionSet connections;
};

struct ConnectivityReport {
  std::vector<ConnectivityEntry> entries;  // sorted by "source => destination : connections"
  std::vector<std::string> notes;
};

// The external IPv4 ranges a report lists: what the ipBlocks (cidrs and excepts) of every given
// set split the address space into, per direction. Two reports to be compared (diff) must use
// the ranges of both sets, or every range boundary would show as a change.
struct ExternalAtoms {
  std::vector<Endpoint> sources;       // split by ingress rules
  std::vector<Endpoint> destinations;  // split by egress rules
};
ExternalAtoms external_atoms(const std::vector<const ManifestSet*>& sets);

// Every non-empty connection between distinct workloads, and between workloads and the IPv4
// ranges the policies' ipBlocks split the address space into (the engine's own set, or `atoms`).
// With NodeRows::yes, the nodes known (the inventory's, or the hosts pods report) are listed too,
// as "name[Node]", both ways: np-guard's format has no nodes, so they are off by default.
// Only rows with a workload of `scope` at one end are computed (every workload's pods and the
// policies of every namespace still decide them).
enum class NodeRows { no, yes };
ConnectivityReport compute_connectivity(const PolicyEngine& engine, NodeRows nodes = NodeRows::no,
                                        const ReportScope& scope = {});
ConnectivityReport compute_connectivity(const PolicyEngine& engine, const ExternalAtoms& atoms,
                                        NodeRows nodes = NodeRows::no, const ReportScope& scope = {});

// "a.b.c.d-e.f.g.h[External]" for an address range.
std::string external_name(const IpAddress& first, const IpAddress& last);

enum class ConnectivityFormat { txt, json, csv, md, dot };
std::string render_connectivity(const ConnectivityReport& report, ConnectivityFormat format);

}  // namespace netobs
