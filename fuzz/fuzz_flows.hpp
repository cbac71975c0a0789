// Flow-log fuzz targets differ only in the options they read the input with.
#pragma once

#include <netobs/ingest.hpp>

#include "fuzz_input.hpp"

namespace netobs::fuzz {

inline void ingest_as(const std::uint8_t* data, std::size_t size, const IngestOptions& options) {
  static const Inventory inventory;
  FlowAggregate aggregate;
  IngestSummary summary;
  (void)ingest_source(as_file(data, size), options, inventory, aggregate, summary);
}

}  // namespace netobs::fuzz
