// Deciding which end of a flow record opened the connection. Flow logs record both directions
// of a connection; a policy must allow the client's egress and the server's ingress, never the
// reverse, so this decision is what keeps recommendations least-privilege.
#pragma once

#include <cstdint>
#include <optional>

#include <netobs/flow.hpp>
#include <netobs/inventory.hpp>

namespace netobs {

enum class Initiator { source, destination };

// From TCP flags (an OR over the capture window): SYN without ACK is the client's side, SYN-ACK
// the server's. nullopt when the flags do not tell.
std::optional<Initiator> initiator_from_tcp_flags(unsigned flags);

// From ports: a port the inventory says the address listens on, then the ephemeral range
// (32768-60999) against a lower port, then the lower port as the server's.
Initiator initiator_from_ports(const IpAddress& source, std::uint16_t source_port, const IpAddress& destination,
                               std::uint16_t destination_port, Protocol protocol, const Inventory& inventory);

}  // namespace netobs
