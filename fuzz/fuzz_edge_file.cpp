// Saved edge files (checkpoints, --edges): whatever the bytes, reading ends in edges or an error
// naming a line; what reads back renders to the same text (the format round-trips).
#include <cstdlib>

#include <netobs/edge_file.hpp>

#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netobs::FlowAggregate aggregate;
  netobs::IngestSummary summary;
  if (!netobs::read_edge_file(netobs::fuzz::as_file(data, size), aggregate, summary)) return 0;
  const std::string text = netobs::render_edge_file(aggregate, summary);
  netobs::FlowAggregate again;
  netobs::IngestSummary again_summary;
  const std::string copy = netobs::fuzz::as_file(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  if (!netobs::read_edge_file(copy, again, again_summary)) std::abort();
  if (netobs::render_edge_file(again, again_summary) != text) std::abort();
  return 0;
}
