// VPC flow log text, as header-less records in the default version 2 layout or, when the first
// byte is odd, behind the header line of an S3 object with every field of version 5.
#include "fuzz_flows.hpp"

namespace {

constexpr char k_header[] =
    "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action "
    "log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr region az-id sublocation-type "
    "sublocation-id pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netobs::IngestOptions options;
  options.format = "vpc";
  if (size > 0 && (data[0] & 1) != 0) {
    std::string with_header = k_header;
    with_header.append(reinterpret_cast<const char*>(data) + 1, size - 1);
    netobs::fuzz::ingest_as(reinterpret_cast<const std::uint8_t*>(with_header.data()), with_header.size(), options);
  } else {
    netobs::fuzz::ingest_as(data, size, options);
  }
  return 0;
}
