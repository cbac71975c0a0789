// The floor netobs is measured against (bench/run.sh): the least work that turns a VPC flow log
// into edges, single-threaded. read() in 1 MiB blocks, the address, port and protocol fields
// parsed by hand into integers, and one open-addressing table keyed by client, server, server
// port and protocol, the server being the side with the lower port. No inventory, no output but
// the number of edges, so netobs's time beyond this is the price of everything else it does.
// Usage: essential_loop FILE   (a VPC log with a header line, as flowgen bench writes)
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace {

struct Slot {
  std::uint64_t key_high = 0;  // client << 32 | server
  std::uint32_t key_low = 0;   // port << 8 | protocol, plus 1 << 31 when used
  std::uint64_t flows = 0;
};

class EdgeTable {
 public:
  EdgeTable() : m_slots(1 << 16) {}
  void add(std::uint64_t high, std::uint32_t low) {
    Slot& slot = find(high, low | 1U << 31);
    if (slot.key_low == 0) {
      slot = {high, low | 1U << 31, 1};
      if (++m_used * 2 > m_slots.size()) grow();
      return;
    }
    ++slot.flows;
  }
  std::size_t size() const { return m_used; }

 private:
  Slot& find(std::uint64_t high, std::uint32_t low) {
    const std::uint64_t h = (high ^ (static_cast<std::uint64_t>(low) << 17)) * 0x9e3779b97f4a7c15ULL;
    for (std::size_t i = h >> 40;; ++i) {
      Slot& slot = m_slots[i & (m_slots.size() - 1)];
      if (slot.key_low == 0 || (slot.key_high == high && slot.key_low == low)) return slot;
    }
  }
  void grow() {
    std::vector<Slot> old(m_slots.size() * 2);
    old.swap(m_slots);
    for (const Slot& slot : old) {
      if (slot.key_low != 0) find(slot.key_high, slot.key_low) = slot;
    }
  }
  std::vector<Slot> m_slots;
  std::size_t m_used = 0;
};

const char* skip_field(const char* p) {
  while (*p != ' ') ++p;
  return p + 1;
}

std::uint32_t parse_ipv4(const char*& p) {
  std::uint32_t ip = 0;
  std::uint32_t octet = 0;
  for (;; ++p) {
    if (*p >= '0' && *p <= '9') {
      octet = octet * 10 + static_cast<std::uint32_t>(*p - '0');
    } else if (*p == '.') {
      ip = ip << 8 | octet;
      octet = 0;
    } else {
      ++p;
      return ip << 8 | octet;
    }
  }
}

std::uint32_t parse_number(const char*& p) {
  std::uint32_t n = 0;
  while (*p >= '0' && *p <= '9') n = n * 10 + static_cast<std::uint32_t>(*p++ - '0');
  ++p;
  return n;
}

// Fields: version interface-id srcaddr dstaddr srcport dstport protocol ...
void add_line(EdgeTable& table, const char* p) {
  p = skip_field(skip_field(p));
  const std::uint32_t src = parse_ipv4(p);
  const std::uint32_t dst = parse_ipv4(p);
  const std::uint32_t sport = parse_number(p);
  const std::uint32_t dport = parse_number(p);
  const std::uint32_t protocol = parse_number(p);
  const bool src_is_server = sport < dport;
  const std::uint64_t client = src_is_server ? dst : src;
  const std::uint64_t server = src_is_server ? src : dst;
  table.add(client << 32 | server, (src_is_server ? sport : dport) << 8 | protocol);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: essential_loop FILE\n");
    return 2;
  }
  const int fd = open(argv[1], O_RDONLY);
  if (fd < 0) {
    std::perror(argv[1]);
    return 3;
  }
  EdgeTable table;
  std::vector<char> buffer((1 << 20) + 4096);
  std::size_t kept = 0;  // bytes of a line cut by the end of the previous block
  bool header = true;
  for (;;) {
    const ssize_t n = read(fd, buffer.data() + kept, (1 << 20));
    if (n <= 0) break;
    const char* line = buffer.data();
    const char* end = buffer.data() + kept + n;
    for (const char* nl; (nl = static_cast<const char*>(std::memchr(line, '\n', static_cast<std::size_t>(end - line))));
         line = nl + 1) {
      if (!header && nl - line > 20) add_line(table, line);
      header = false;
    }
    kept = static_cast<std::size_t>(end - line);
    std::memmove(buffer.data(), line, kept);
  }
  close(fd);
  std::printf("%zu edges\n", table.size());
  return 0;
}
