// What was observed: the one library call that reads flow sources, attributes them with the
// inventory and builds the service-dependency graph. recommend, lint --flows, diff --flows and
// the tests all go through it, so they read flows the same way.
#pragma once

#include <string>
#include <vector>

#include <netobs/error.hpp>
#include <netobs/graph.hpp>
#include <netobs/ingest.hpp>
#include <netobs/inventory.hpp>

namespace netobs {

struct ObserveOptions {
  std::vector<std::string> sources;  // files, directories, "-" or agent URLs
  IngestOptions ingest;
  std::vector<std::string> cluster_cidrs;  // --cluster-cidr, as the user wrote them
  std::vector<std::string> edge_files;     // saved edges (edge_file.hpp), read before the sources
};

struct Observed {
  IngestSummary summary;
  Graph graph;
};

// Reads every source in order and builds the graph. Errors: a cluster CIDR that does not parse
// (usage), and whatever a source's ingest reports (io, invalid_input) with its file and line.
Result<Observed> observe(const ObserveOptions& options, const Inventory& inventory);

}  // namespace netobs
