// The address-name files recommend reads, each input through both parsers: --aws-ip-ranges
// (AWS's ip-ranges.json) and --vpc-resources. Every name found must hold a valid range.
#include <cstdlib>
#include <string>

#include <netobs/address_book.hpp>

#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netobs::fuzz::set_fuzz_limits();
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const bool vpc : {false, true}) {
    auto names = vpc ? netobs::parse_vpc_resources(text, "fuzz") : netobs::parse_aws_ip_ranges(text, "fuzz");
    if (!names) continue;
    for (const auto& name : *names) {
      if (name.name.empty() || name.aws == vpc || name.range.prefix_len > (name.range.base.is_v4() ? 32 : 128))
        std::abort();
    }
  }
  return 0;
}
