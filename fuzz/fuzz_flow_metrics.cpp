// Flow metrics: Prometheus text and OpenMetrics read as edges (first byte even), and the
// Prometheus HTTP API's answers a --prometheus query gets (odd: the instant vector, then the
// label values), whose text the reader then reads as well.
#include <string>
#include <vector>

#include "fuzz_flows.hpp"
#include "ingest/prom_api.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netobs::IngestOptions options;
  options.format = "prometheus";
  if (size == 0 || (data[0] & 1) == 0) {
    netobs::fuzz::ingest_as(data, size, options);
    return 0;
  }
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string text;
  if (netobs::read_vector_answer(body, "hubble_port_distribution_total", text).ok) {
    netobs::fuzz::ingest_as(reinterpret_cast<const std::uint8_t*>(text.data()), text.size(), options);
  }
  std::vector<std::string> values;
  (void)netobs::read_label_values_answer(body, values);
  return 0;
}
