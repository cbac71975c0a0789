// Hubble JSON lines (hubble observe -o json/jsonpb, bare Flow objects) and the CloudWatch Logs
// subscription payloads the JSON reader also takes.
#include "fuzz_flows.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netobs::IngestOptions options;
  options.format = "hubble";
  options.dropped =
      size > 0 && (data[0] & 1) != 0 ? netobs::DroppedFlows::use_as_evidence : netobs::DroppedFlows::report_only;
  netobs::fuzz::ingest_as(data, size, options);
  return 0;
}
