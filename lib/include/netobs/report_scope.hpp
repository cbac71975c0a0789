// -n/--namespace as every command reads it: the whole state is read (every namespace's pods,
// namespaces, nodes and policies), because what is allowed between two namespaces depends on
// both sides' policies and pods; only what involves the named namespaces is reported. One type,
// so that connectivity rows, lint findings, diff changes and observed edges are scoped alike.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <netobs/graph.hpp>
#include <netobs/manifest.hpp>

namespace netobs {

struct ReportScope {
  std::vector<std::string> namespaces;  // empty: every namespace

  [[nodiscard]] bool everything() const { return namespaces.empty(); }
  // True for a namespace reported on (every one when the scope is everything).
  [[nodiscard]] bool includes(std::string_view namespace_name) const;
  // True for a workload of a namespace reported on; nodes and addresses are in no namespace, so
  // they are reported only with every namespace.
  [[nodiscard]] bool includes(const Peer& peer) const;
  // True when either end of the edge is reported on.
  [[nodiscard]] bool touches(const EdgeId& edge) const;
};

// "namespaces a, b" (sorted), or "every namespace": what a summary says was reported.
std::string describe(const ReportScope& scope);

// Every namespace a set names: its Namespace objects, its pods' and its policies'.
std::set<std::string> namespaces_of(const ManifestSet& set);

// The namespaces of `scope` that `known` lacks (most likely typos), sorted.
std::vector<std::string> missing_namespaces(const ReportScope& scope, const std::set<std::string>& known);

// `graph` with only the edges `scope` touches (all of them when it is everything).
Graph edges_touching(Graph graph, const ReportScope& scope);

}  // namespace netobs
