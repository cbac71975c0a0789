// Whatever a user points netobs at: format detection, gzip (single and multi-member, truncated)
// and then the reader it picks.
#include "fuzz_flows.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netobs::fuzz::ingest_as(data, size, netobs::IngestOptions{});
  return 0;
}
