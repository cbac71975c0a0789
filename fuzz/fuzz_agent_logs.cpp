// Logs of agents a cluster already runs: the EKS network policy agent's event logs (every shape,
// with its own lines between) when the first byte is even, Network Flow Monitor reports when odd.
#include "fuzz_flows.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netobs::IngestOptions options;
  options.format = size > 0 && (data[0] & 1) != 0 ? "nfm" : "eks-agent";
  options.dropped =
      size > 1 && (data[1] & 1) != 0 ? netobs::DroppedFlows::use_as_evidence : netobs::DroppedFlows::report_only;
  netobs::fuzz::ingest_as(data, size, options);
  return 0;
}
