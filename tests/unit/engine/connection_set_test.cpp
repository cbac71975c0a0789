#include <gtest/gtest.h>

#include <netobs/connection_set.hpp>

namespace netobs {
namespace {

TEST(ConnectionSet, PrintsLikeNetpolAnalyzer) {
  EXPECT_EQ(ConnectionSet::all().to_string(), "All Connections");
  EXPECT_EQ(ConnectionSet::none().to_string(), "No Connections");
  ConnectionSet set;
  set.add(Protocol::udp, 53, 53);
  set.add(Protocol::tcp, 81, 65535);
  set.add(Protocol::tcp, 1, 79);
  set.add(Protocol::sctp, 9090, 9090);
  set.add(Protocol::sctp, 8956, 8956);
  EXPECT_EQ(set.to_string(), "SCTP 8956,9090,TCP 1-79,81-65535,UDP 53");
}

TEST(ConnectionSet, UnionMergesAndIntersectionNarrows) {
  ConnectionSet a;
  a.add(Protocol::tcp, 80, 90);
  ConnectionSet b;
  b.add(Protocol::tcp, 91, 100);
  b.add(Protocol::udp, 53, 53);
  a.unite(b);
  EXPECT_EQ(a.to_string(), "TCP 80-100,UDP 53");
  ConnectionSet c;
  c.add(Protocol::tcp, 95, 200);
  a.intersect(c);
  EXPECT_EQ(a.to_string(), "TCP 95-100");
  EXPECT_TRUE(a.contains(Protocol::tcp, 100));
  EXPECT_FALSE(a.contains(Protocol::tcp, 101));
  ConnectionSet everything;
  for (Protocol p : {Protocol::tcp, Protocol::udp, Protocol::sctp}) everything.add_all(p);
  EXPECT_TRUE(everything.is_all());
}

}  // namespace
}  // namespace netobs

namespace netobs {
namespace {

TEST(ConnectionSetSubtract, RemovesRangesInsideAcrossAndAtTheEdges) {
  ConnectionSet set;
  set.add(Protocol::tcp, 1, 100);
  set.add(Protocol::tcp, 200, 300);
  set.add(Protocol::udp, 53, 53);
  ConnectionSet cut;
  cut.add(Protocol::tcp, 1, 9);
  cut.add(Protocol::tcp, 50, 60);
  cut.add(Protocol::tcp, 95, 250);
  cut.add(Protocol::udp, 53, 53);
  set.subtract(cut);
  EXPECT_EQ(set.to_string(), "TCP 10-49,61-94,251-300");
  ConnectionSet all = ConnectionSet::all();
  all.subtract(ConnectionSet::all());
  EXPECT_TRUE(all.empty());
}

}  // namespace
}  // namespace netobs
