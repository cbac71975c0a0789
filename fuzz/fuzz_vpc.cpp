// VPC flow log text, as header-less records in the default version 2 layout or, when the first
// byte is odd, behind the header line of an S3 object with every field of version 5. Each input
// is read on one thread and on two (ingest/record_pipeline.hpp, where the folding thread parses
// lines it is handed): any difference in edges, their order, counts or messages aborts.
#include <algorithm>
#include <cstdlib>

#include "fuzz_flows.hpp"

namespace {

constexpr char k_header[] =
    "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action "
    "log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr region az-id sublocation-type "
    "sublocation-id pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path\n";

struct Outcome {
  netobs::FlowAggregate aggregate;
  netobs::IngestSummary summary;
  std::string error;  // empty when the read succeeded
};

Outcome read(const std::string& path, netobs::IngestOptions options, std::size_t parallel_min_bytes) {
  static const netobs::Inventory inventory;
  options.parallel_min_bytes = parallel_min_bytes;
  options.two_thread_read = netobs::TwoThreadRead::always;  // on a one-core machine too
  Outcome out;
  if (auto read = netobs::ingest_source(path, options, inventory, out.aggregate, out.summary); !read) {
    out.error = read.error().message;
  }
  return out;
}

bool same_counters(const netobs::EdgeCounters& a, const netobs::EdgeCounters& b) {
  for (int i = 0; i < 3; ++i) {
    if (a.flows[i] != b.flows[i] || a.packets[i] != b.packets[i] || a.bytes[i] != b.bytes[i]) return false;
  }
  return a.first_seen == b.first_seen && a.last_seen == b.last_seen;
}

// Malformed records are located errors: the same when they read the same.
bool same_records(const std::vector<netobs::MalformedRecord>& a, const std::vector<netobs::MalformedRecord>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const netobs::MalformedRecord& x, const netobs::MalformedRecord& y) {
                      return x.reason == y.reason && x.error.kind == y.error.kind &&
                             netobs::describe(x.error) == netobs::describe(y.error);
                    });
}

bool same(const Outcome& one, const Outcome& two) {
  const auto& a = one.summary;
  const auto& b = two.summary;
  if (one.error != two.error || a.records_read != b.records_read || a.records_used != b.records_used ||
      a.malformed_count != b.malformed_count || a.malformed_by_reason != b.malformed_by_reason ||
      !same_records(a.malformed, b.malformed) || a.skipped != b.skipped || a.warnings != b.warnings ||
      a.denied != b.denied || a.first_seen != b.first_seen || a.last_seen != b.last_seen ||
      one.aggregate.identities != two.aggregate.identities ||
      one.aggregate.edges.size() != two.aggregate.edges.size()) {
    return false;
  }
  auto edge = two.aggregate.edges.begin();
  for (const auto& [key, counters] : one.aggregate.edges) {
    if (!(edge->first == key) || !same_counters(edge->second, counters)) return false;
    ++edge;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netobs::IngestOptions options;
  options.format = "vpc";
  options.max_messages = 8;
  std::string text;
  if (size > 0 && (data[0] & 1) != 0) {
    text = k_header;
    text.append(reinterpret_cast<const char*>(data) + 1, size - 1);
  } else {
    text.assign(reinterpret_cast<const char*>(data), size);
  }
  const std::string path = netobs::fuzz::as_file(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const Outcome one_thread = read(path, options, SIZE_MAX);
  const Outcome two_threads = read(path, options, 1);
  if (!same(one_thread, two_threads)) std::abort();
  // The comparison means something only if the second read did take two threads.
  if (one_thread.summary.two_thread_sources != 0 || (!text.empty() && two_threads.summary.two_thread_sources != 1)) {
    std::abort();
  }
  return 0;
}
