// np-guard's explain outputs name, per pair, whether every connection is denied. netobs's
// explain must agree on those pairs (for a representative port), and name the named-port cause
// where np-guard does. The project's own small case in tests/data/oracle runs where ../shared is absent.
#include <filesystem>
#include <fstream>
#include <regex>

#include <gtest/gtest.h>

#include <netobs/explain.hpp>

#include "testutil/oracle.hpp"

namespace netobs {
namespace {

namespace fs = std::filesystem;

// "ns/name[Kind]" -> "ns/name"; "a.b.c.d-e.f.g.h[External]" -> "a.b.c.d".
std::string endpoint_text(const std::string& name) {
  const std::string bare = name.substr(0, name.rfind('['));
  if (name.ends_with("[External]")) return bare.substr(0, bare.find('-'));
  return bare;
}

TEST(OracleExplain, FullyDeniedPairsAreDenied) {
  const std::regex header(R"(^Connections between (\S+) => (\S+):$)");
  int checked = 0;
  for (const std::string& path : testing::oracle_files("np-guard", "expected/connlist", "_explain_output.txt")) {
    const std::string file = fs::path(path).filename().string();
    const std::string name = file.substr(0, file.size() - std::string("_explain_output.txt").size());
    auto set = load_manifests({(testing::oracle_root_of(path) / "cases" / name).string()});
    ASSERT_TRUE(set) << name;
    const PolicyEngine engine(*set, IpBlockScope::external);
    std::ifstream in(path);
    std::string line, from, to;
    bool named_port = false;
    while (std::getline(in, line)) {
      std::smatch m;
      if (std::regex_match(line, m, header)) {
        from = m[1];
        to = m[2];
        named_port = false;
        continue;
      }
      if (line.find("named ports of the rule have no match") != std::string::npos) named_port = true;
      if (line.find("Denied TCP, UDP, SCTP due to") == std::string::npos || from.empty()) continue;
      auto a = find_endpoint(*set, endpoint_text(from));
      auto b = find_endpoint(*set, endpoint_text(to));
      ASSERT_TRUE(a && b) << name << ": " << from << " => " << to;
      for (Protocol protocol : {Protocol::tcp, Protocol::udp, Protocol::sctp}) {
        const Explanation e = explain(engine, *a, *b, protocol, 8956);
        EXPECT_FALSE(e.allowed) << name << ": " << from << " => " << to;
        if (named_port && protocol == Protocol::udp) {
          EXPECT_NE(render_explanation_text(e).find("named port"), std::string::npos) << render_explanation_text(e);
        }
      }
      ++checked;
      from.clear();
    }
  }
  // ../shared's cases hold more than 20 such pairs; the project's own, one.
  EXPECT_GT(checked, testing::oracle_roots("np-guard").size() > 1 ? 20 : 0);
}

TEST(Explain, PortSpecs) {
  EXPECT_EQ(parse_port_spec("53/udp"), std::make_pair(53, Protocol::udp));
  EXPECT_EQ(parse_port_spec("8080"), std::make_pair(8080, Protocol::tcp));
  EXPECT_EQ(parse_port_spec("9/SCTP"), std::make_pair(9, Protocol::sctp));
  for (const char* bad : {"", "0", "65536", "80/icmp", "http", "80/"}) EXPECT_FALSE(parse_port_spec(bad)) << bad;
}

}  // namespace
}  // namespace netobs
