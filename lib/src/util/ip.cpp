#include <array>
#include <charconv>
#include <cstring>

#include <arpa/inet.h>

#include <netobs/ip.hpp>

namespace netobs {
namespace {

// Hand-written because inet_pton dominates the ingest profile for IPv4-heavy VPC logs.
std::optional<std::uint32_t> parse_v4(std::string_view text) {
  std::uint32_t addr = 0;
  int octets = 0;
  std::size_t i = 0;
  while (octets < 4) {
    if (i >= text.size()) {
      return std::nullopt;
    }
    std::uint32_t value = 0;
    std::size_t digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && digits < 4) {
      value = value * 10 + static_cast<std::uint32_t>(text[i] - '0');
      ++i;
      ++digits;
    }
    if (digits == 0 || digits > 3 || value > 255) {
      return std::nullopt;
    }
    addr = (addr << 8) | value;
    ++octets;
    if (octets < 4) {
      if (i >= text.size() || text[i] != '.') {
        return std::nullopt;
      }
      ++i;
    }
  }
  if (i != text.size()) {
    return std::nullopt;
  }
  return addr;
}

IpAddress from_bytes(const unsigned char* bytes) {
  IpAddress ip;
  for (int i = 0; i < 8; ++i) {
    ip.hi = (ip.hi << 8) | bytes[i];
    ip.lo = (ip.lo << 8) | bytes[8 + i];
  }
  return ip;
}

bool in_v4(std::uint32_t addr, std::uint32_t base, int len) {
  const std::uint32_t mask = len == 0 ? 0 : ~0U << (32 - len);
  return (addr & mask) == base;
}

}  // namespace

std::optional<IpAddress> parse_ip(std::string_view text) {
  // IPv4 first, without a search for ':' before it: flow logs hold one or two per record, and
  // parse_v4 stops at the first character that is not a digit or a dot.
  if (auto v4 = parse_v4(text)) {
    return IpAddress::from_v4(*v4);
  }
  if (text.find(':') == std::string_view::npos || text.size() >= INET6_ADDRSTRLEN) {
    return std::nullopt;
  }
  char buffer[INET6_ADDRSTRLEN];
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  unsigned char bytes[16];
  if (inet_pton(AF_INET6, buffer, bytes) != 1) {
    return std::nullopt;
  }
  return from_bytes(bytes);
}

std::string to_string(const IpAddress& ip) {
  char buffer[INET6_ADDRSTRLEN];
  if (ip.is_v4()) {
    const std::uint32_t a = ip.v4();
    const unsigned char bytes[4] = {static_cast<unsigned char>(a >> 24), static_cast<unsigned char>(a >> 16),
                                    static_cast<unsigned char>(a >> 8), static_cast<unsigned char>(a)};
    inet_ntop(AF_INET, bytes, buffer, sizeof buffer);
    return buffer;
  }
  unsigned char bytes[16];
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<unsigned char>(ip.hi >> (56 - 8 * i));
    bytes[8 + i] = static_cast<unsigned char>(ip.lo >> (56 - 8 * i));
  }
  inet_ntop(AF_INET6, bytes, buffer, sizeof buffer);
  return buffer;
}

bool IpAddress::is_private() const {
  if (is_v4()) {
    const std::uint32_t a = v4();
    return in_v4(a, 0x0A000000, 8) || in_v4(a, 0xAC100000, 12) || in_v4(a, 0xC0A80000, 16) ||
           in_v4(a, 0x64400000, 10) || in_v4(a, 0xA9FE0000, 16) || in_v4(a, 0x7F000000, 8);
  }
  const auto top16 = static_cast<std::uint16_t>(hi >> 48);
  return (top16 & 0xfe00) == 0xfc00 || (top16 & 0xffc0) == 0xfe80 || (hi == 0 && lo == 1);
}

bool Cidr::contains(const IpAddress& ip) const {
  if (base.is_v4() != ip.is_v4()) {
    return false;
  }
  const int bits = base.is_v4() ? 96 + prefix_len : prefix_len;
  const std::uint64_t hi_mask = bits >= 64 ? ~0ULL : (bits == 0 ? 0 : ~0ULL << (64 - bits));
  const std::uint64_t lo_mask = bits <= 64 ? 0 : (bits >= 128 ? ~0ULL : ~0ULL << (128 - bits));
  return (ip.hi & hi_mask) == base.hi && (ip.lo & lo_mask) == base.lo;
}

std::optional<Cidr> parse_cidr(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) {
    return std::nullopt;
  }
  auto ip = parse_ip(text.substr(0, slash));
  if (!ip) {
    return std::nullopt;
  }
  const std::string_view len_text = text.substr(slash + 1);
  int len = -1;
  auto [end, ec] = std::from_chars(len_text.data(), len_text.data() + len_text.size(), len);
  const int max_len = ip->is_v4() ? 32 : 128;
  if (ec != std::errc() || end != len_text.data() + len_text.size() || len < 0 || len > max_len || len_text.empty()) {
    return std::nullopt;
  }
  Cidr cidr{*ip, len};
  const int bits = ip->is_v4() ? 96 + len : len;
  const std::uint64_t hi_mask = bits >= 64 ? ~0ULL : (bits == 0 ? 0 : ~0ULL << (64 - bits));
  const std::uint64_t lo_mask = bits <= 64 ? 0 : (bits >= 128 ? ~0ULL : ~0ULL << (128 - bits));
  cidr.base.hi &= hi_mask;
  cidr.base.lo &= lo_mask;
  if (ip->is_v4()) {
    cidr.base.lo |= 0xffffULL << 32;  // keep the IPv4-mapped marker
  }
  return cidr;
}

std::string to_string(const Cidr& cidr) { return to_string(cidr.base) + "/" + std::to_string(cidr.prefix_len); }

Cidr host_cidr(const IpAddress& ip) { return Cidr{ip, ip.is_v4() ? 32 : 128}; }

}  // namespace netobs
