// Edge rows, the CSV results of `netobs sql`'s query that --edges reads: header, quoting, every
// column's values.
#include "fuzz_flows.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netobs::IngestOptions options;
  options.format = "edge-rows";
  netobs::fuzz::ingest_as(data, size, options);
  return 0;
}
