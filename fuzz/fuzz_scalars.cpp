// The small parsers of user-given and record values: addresses, CIDRs, port specs, RFC 3339
// times, durations and label selectors; each result must print back and parse to itself.
#include <string>

#include <netobs/explain.hpp>
#include <netobs/ip.hpp>
#include <netobs/labels.hpp>
#include <netobs/time.hpp>

#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (auto ip = netobs::parse_ip(text)) {
    if (netobs::parse_ip(netobs::to_string(*ip)) != ip) __builtin_trap();
  }
  if (auto cidr = netobs::parse_cidr(text)) {
    if (netobs::parse_cidr(netobs::to_string(*cidr)) != cidr) __builtin_trap();
  }
  if (auto port = netobs::parse_port_spec(text)) {
    if (port->first < 0 || port->first > 65535) __builtin_trap();
  }
  // Times within the years RFC 3339 can write (an offset may carry 9999-12-31 into year 10000).
  if (auto seconds = netobs::parse_rfc3339(text); seconds && *seconds >= -62167219200 && *seconds <= 253402300799) {
    if (netobs::parse_rfc3339(netobs::format_rfc3339(*seconds)) != seconds) __builtin_trap();
  }
  if (auto seconds = netobs::parse_duration(text)) {
    if (*seconds < 0 || netobs::parse_duration(netobs::format_duration(*seconds)) != seconds) __builtin_trap();
  }
  (void)netobs::parse_namespaced_selector(text);
  return 0;
}
