// Runs observe (ingest and graph) and recommend in-process on files, as the CLI does, for tests.
#pragma once

#include <string>
#include <vector>

#include <netobs/inventory.hpp>
#include <netobs/observe.hpp>
#include <netobs/recommend.hpp>

namespace netobs::testing {

struct PipelineResult {
  IngestSummary summary;
  Graph graph;
  Recommendation recommendation;
};

// Aborts the test (ADD_FAILURE) and returns an empty result when any step fails.
PipelineResult run_pipeline(const std::vector<std::string>& sources, const Inventory& inventory,
                            const RecommendOptions& options = {}, const IngestOptions& ingest = {},
                            const std::vector<std::string>& cluster_cidrs = {});

// An inventory from inline JSON or YAML text.
Inventory inventory_from(const std::string& text);

}  // namespace netobs::testing
