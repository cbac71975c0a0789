// The edge table against std::map as the model: same keys, same counters, through growth, with
// keys that differ in one field only; and what ingest relies on: insertion order, references that
// stay valid, copies.
#include <map>
#include <random>
#include <tuple>

#include <gtest/gtest.h>

#include <netobs/edge_table.hpp>

namespace netobs {
namespace {

auto tie_key(const EdgeKey& k) {
  return std::tie(k.client, k.server, k.client_identity, k.server_identity, k.port, k.protocol);
}

struct KeyLess {
  bool operator()(const EdgeKey& a, const EdgeKey& b) const { return tie_key(a) < tie_key(b); }
};

TEST(EdgeTable, StartsEmpty) {
  const EdgeTable table;
  EXPECT_TRUE(table.empty());
  EXPECT_EQ(table.size(), 0U);
  EXPECT_TRUE(table.begin() == table.end());
}

TEST(EdgeTable, KeysDifferingInOneFieldAreDistinct) {
  EdgeTable table;
  EdgeKey base{IpAddress::from_v4(0x0a000001), IpAddress::from_v4(0x0a000002), 0, 0, 80, Protocol::tcp};
  std::vector<EdgeKey> keys(7, base);
  keys[1].client = IpAddress::from_v4(0x0a000003);
  keys[2].server = IpAddress::from_v4(0x0a000003);
  keys[3].client_identity = 1;
  keys[4].server_identity = 1;
  keys[5].port = 81;
  keys[6].protocol = Protocol::udp;
  for (std::size_t i = 0; i < keys.size(); ++i) table[keys[i]].flows[0] = i + 1;
  ASSERT_EQ(table.size(), keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) EXPECT_EQ(table[keys[i]].flows[0], i + 1) << i;
  EXPECT_EQ(table.size(), keys.size());  // looking up again inserted nothing
}

TEST(EdgeTable, MatchesAMapThroughGrowth) {
  std::mt19937 rng(7);
  EdgeTable table;
  std::map<EdgeKey, std::uint64_t, KeyLess> model;
  for (int i = 0; i < 50000; ++i) {
    // Few distinct values per field, so keys repeat and collide in every way.
    EdgeKey key{IpAddress::from_v4(0x0a000000 + rng() % 200), IpAddress::from_v4(0x0a000000 + rng() % 50),
                static_cast<std::uint32_t>(rng() % 2),        0,
                static_cast<std::uint16_t>(rng() % 4 * 1000), rng() % 2 ? Protocol::tcp : Protocol::udp};
    table[key].flows[1] += 1;
    model[key] += 1;
  }
  ASSERT_EQ(table.size(), model.size());
  std::size_t visited = 0;
  for (const auto& [key, counters] : table) {
    auto it = model.find(key);
    ASSERT_NE(it, model.end());
    EXPECT_EQ(counters.flows[1], it->second);
    ++visited;
  }
  EXPECT_EQ(visited, model.size());
  EXPECT_GT(model.size(), 10000U);  // growth happened many times
}

TEST(EdgeTable, KeepsInsertionOrderAndStableReferencesThroughGrowth) {
  EdgeTable table;
  std::vector<EdgeCounters*> first_seen;
  for (std::uint32_t i = 0; i < 5000; ++i) {  // several chunks and index doublings
    EdgeKey key{
        IpAddress::from_v4(0x0a000000 + i * 7919 % 5000), IpAddress::from_v4(0x0a010000), 0, 0, 80, Protocol::tcp};
    first_seen.push_back(&table[key]);
    first_seen.back()->flows[0] = i;
  }
  std::uint32_t i = 0;
  for (auto& [key, counters] : table) {
    EXPECT_EQ(key.client, IpAddress::from_v4(0x0a000000 + i * 7919 % 5000));
    EXPECT_EQ(&counters, first_seen[i]) << i;  // the same object as when it was inserted
    EXPECT_EQ(counters.flows[0], i);
    ++i;
  }
  EXPECT_EQ(i, 5000U);
  const EdgeTable copy = table;
  ASSERT_EQ(copy.size(), table.size());
  auto original = table.begin();
  for (const auto& [key, counters] : copy) {
    EXPECT_EQ(key, original->first);
    EXPECT_EQ(counters.flows[0], original->second.flows[0]);
    EXPECT_NE(&counters, &original->second);
    ++original;
  }
}

}  // namespace
}  // namespace netobs
