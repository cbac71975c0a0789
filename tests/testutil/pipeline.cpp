#include "testutil/pipeline.hpp"

#include <gtest/gtest.h>

namespace netobs::testing {

PipelineResult run_pipeline(const std::vector<std::string>& sources, const Inventory& inventory,
                            const RecommendOptions& options, const IngestOptions& ingest,
                            const std::vector<std::string>& cluster_cidrs) {
  auto observed = observe(ObserveOptions{sources, ingest, cluster_cidrs, {}}, inventory);
  if (!observed) {
    ADD_FAILURE() << describe(observed.error());
    return {};
  }
  PipelineResult result{std::move(observed->summary), std::move(observed->graph), {}};
  result.recommendation = recommend(result.graph, inventory, options);
  return result;
}

Inventory inventory_from(const std::string& text) {
  Inventory inventory;
  auto loaded = inventory.load_text(text, "inline");
  if (!loaded) ADD_FAILURE() << describe(loaded.error());
  return inventory;
}

}  // namespace netobs::testing
