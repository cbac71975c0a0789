#include "testutil/pipeline.hpp"

#include <gtest/gtest.h>

namespace netobs::testing {

PipelineResult run_pipeline(const std::vector<std::string>& sources, const Inventory& inventory,
                            const RecommendOptions& options, const IngestOptions& ingest,
                            const GraphOptions& graph_options) {
  PipelineResult result;
  for (const auto& source : sources) {
    auto ok = ingest_source(source, ingest, inventory, result.aggregate, result.summary);
    if (!ok) {
      ADD_FAILURE() << ok.error().message;
      return {};
    }
  }
  result.graph = build_graph(result.aggregate, inventory, graph_options);
  result.recommendation = recommend(result.graph, inventory, options);
  return result;
}

Inventory inventory_from(const std::string& text) {
  Inventory inventory;
  auto loaded = inventory.load_text(text, "inline");
  if (!loaded) ADD_FAILURE() << loaded.error().message;
  return inventory;
}

}  // namespace netobs::testing
