// IPv4 and IPv6 addresses in one 128-bit value (IPv4 as ::ffff:a.b.c.d), so flow aggregation can
// hash and compare them cheaply, plus CIDR ranges for cluster ranges and ipBlocks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace netobs {

struct IpAddress {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;

  bool is_v4() const { return hi == 0 && (lo >> 32) == 0xffffULL; }
  std::uint32_t v4() const { return static_cast<std::uint32_t>(lo); }
  static IpAddress from_v4(std::uint32_t addr) { return {0, (0xffffULL << 32) | addr}; }

  // RFC 1918, RFC 6598 (carrier-grade NAT), link-local, loopback, IPv6 ULA and link-local:
  // addresses that are not on the public internet.
  bool is_private() const;

  auto operator<=>(const IpAddress&) const = default;
};

// Parses dotted IPv4 or any IPv6 text form; nullopt when `text` is not an address.
std::optional<IpAddress> parse_ip(std::string_view text);

// The canonical text form (dotted quad for IPv4, RFC 5952 for IPv6).
std::string to_string(const IpAddress& ip);

struct IpAddressHash {
  std::size_t operator()(const IpAddress& ip) const {
    std::uint64_t h = ip.hi * 0x9e3779b97f4a7c15ULL ^ ip.lo;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return static_cast<std::size_t>(h);
  }
};

struct Cidr {
  IpAddress base;      // already masked
  int prefix_len = 0;  // in the address's own family: 0-32 for IPv4, 0-128 for IPv6

  bool contains(const IpAddress& ip) const;
  auto operator<=>(const Cidr&) const = default;
};

// Parses "10.0.0.0/16" or "fd00::/8"; nullopt on a malformed range.
std::optional<Cidr> parse_cidr(std::string_view text);
std::string to_string(const Cidr& cidr);

// The single-address range of `ip`: /32 for IPv4, /128 for IPv6.
Cidr host_cidr(const IpAddress& ip);

}  // namespace netobs
