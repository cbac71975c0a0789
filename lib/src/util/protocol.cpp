#include <netobs/flow.hpp>

namespace netobs {

std::string_view to_string(Protocol protocol) {
  switch (protocol) {
    case Protocol::tcp:
      return "TCP";
    case Protocol::udp:
      return "UDP";
    case Protocol::sctp:
      return "SCTP";
  }
  return "TCP";
}

std::optional<Protocol> protocol_from_number(int number) {
  switch (number) {
    case 6:
      return Protocol::tcp;
    case 17:
      return Protocol::udp;
    case 132:
      return Protocol::sctp;
    default:
      return std::nullopt;
  }
}

}  // namespace netobs
