#include "direction.hpp"

namespace netobs {
namespace {
constexpr unsigned k_syn = 0x02;
constexpr unsigned k_ack = 0x10;

bool ephemeral(std::uint16_t port) { return port >= 32768 && port <= 60999; }
}  // namespace

std::optional<Initiator> initiator_from_tcp_flags(unsigned flags) {
  if ((flags & (k_syn | k_ack)) == (k_syn | k_ack)) return Initiator::destination;
  if (flags & k_syn) return Initiator::source;
  return std::nullopt;
}

Initiator initiator_from_ports(const IpAddress& source, std::uint16_t source_port, const IpAddress& destination,
                               std::uint16_t destination_port, Protocol protocol, const Inventory& inventory) {
  const bool destination_listens = inventory.listens_on(destination, destination_port, protocol);
  const bool source_listens = inventory.listens_on(source, source_port, protocol);
  if (destination_listens != source_listens) {
    return destination_listens ? Initiator::source : Initiator::destination;
  }
  if (ephemeral(source_port) != ephemeral(destination_port)) {
    return ephemeral(source_port) ? Initiator::source : Initiator::destination;
  }
  return source_port >= destination_port ? Initiator::source : Initiator::destination;
}

}  // namespace netobs
