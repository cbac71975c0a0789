#include "ingest/direction.hpp"

#include <gtest/gtest.h>

namespace netobs {
namespace {

TEST(Direction, TcpFlags) {
  EXPECT_EQ(initiator_from_tcp_flags(2), Initiator::source);
  EXPECT_EQ(initiator_from_tcp_flags(3), Initiator::source);  // SYN|FIN in one window
  EXPECT_EQ(initiator_from_tcp_flags(18), Initiator::destination);
  EXPECT_EQ(initiator_from_tcp_flags(19), Initiator::destination);
  EXPECT_FALSE(initiator_from_tcp_flags(16));
  EXPECT_FALSE(initiator_from_tcp_flags(1));
  EXPECT_FALSE(initiator_from_tcp_flags(0));
}

TEST(Direction, EphemeralRangeThenLowerPort) {
  const Inventory none;
  const IpAddress a = *parse_ip("10.0.0.1"), b = *parse_ip("10.0.0.2");
  EXPECT_EQ(initiator_from_ports(a, 40000, b, 8080, Protocol::tcp, none), Initiator::source);
  EXPECT_EQ(initiator_from_ports(a, 8080, b, 40000, Protocol::tcp, none), Initiator::destination);
  EXPECT_EQ(initiator_from_ports(a, 61000, b, 5432, Protocol::tcp, none), Initiator::source);
  EXPECT_EQ(initiator_from_ports(a, 1024, b, 443, Protocol::tcp, none), Initiator::source);
  EXPECT_EQ(initiator_from_ports(a, 53, b, 53, Protocol::udp, none), Initiator::source);
}

}  // namespace
}  // namespace netobs
