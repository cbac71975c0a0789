#include "render/yaml_writer.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <netobs/render.hpp>

#include "util/document.hpp"

namespace netobs {
namespace {

TEST(YamlWriter, QuotesWhatWouldReadBackAsAnotherType) {
  EXPECT_EQ(yaml_scalar("kube-dns"), "kube-dns");
  EXPECT_EQ(yaml_scalar("app.kubernetes.io/name"), "app.kubernetes.io/name");
  for (const char* tricky : {"true", "No", "on", "null", "~", "1.10", "0x1F", "8080", "", "-x", "a b", "a: b", "#x",
                             "2021-06-16T16:52:13Z", "10.0.0.1/32", "*", "@x", "'q'", "y"}) {
    const std::string scalar = yaml_scalar(tricky);
    EXPECT_EQ(scalar.front(), '"') << tricky;
    EXPECT_EQ(YAML::Load("v: " + scalar)["v"].as<std::string>(), tricky);
  }
}

// Names come from inputs: characters YAML does not allow raw in a quoted scalar are escaped, and
// the text reads back as it was (PyYAML rejected the C1 control U+009B written raw).
TEST(YamlWriter, EscapesWhatYamlDoesNotAllowRaw) {
  for (const std::string& tricky : {std::string("ns\xc2\x9b[31m"), std::string("del\x7f"),
                                    std::string("\xef\xbb\xbf"
                                                "bom"),
                                    std::string("line\xe2\x80\xa8sep"), std::string("esc\x1b[0m")}) {
    const std::string scalar = yaml_scalar(tricky);
    for (const char* raw : {"\xc2\x9b", "\x7f", "\xef\xbb\xbf", "\xe2\x80\xa8", "\x1b"}) {
      EXPECT_EQ(scalar.find(raw), std::string::npos) << scalar;
    }
    EXPECT_EQ(YAML::Load("v: " + scalar)["v"].as<std::string>(), tricky) << scalar;
  }
  EXPECT_EQ(yaml_scalar("ns\xc2\x9b"), "\"ns\\u009b\"");
  EXPECT_EQ(yaml_scalar("caf\xc3\xa9"), "\"caf\xc3\xa9\"");  // printable UTF-8 stays as it is
}

TEST(YamlWriter, PoliciesRoundTripThroughAYamlReader) {
  NetworkPolicy policy;
  policy.name = "web-netobs";
  policy.namespace_name = "shop";
  policy.annotations["netobs.io/observed-flows"] = "12";
  policy.pod_selector.match_labels = {{"app", "web"}, {"version", "1.10"}};
  policy.policy_types = {PolicyType::ingress, PolicyType::egress};
  policy.ingress.push_back({{PolicyPeer{LabelSelector{{{"app", "ui"}}, {}},
                                        LabelSelector{{{"kubernetes.io/metadata.name", "ui"}}, {}},
                                        std::nullopt,
                                        {}}},
                            {PolicyPort{Protocol::tcp, 8080, std::nullopt}}});
  policy.egress.push_back({{PolicyPeer{std::nullopt, std::nullopt, IpBlock::parse("203.0.113.9/32"), {}}},
                           {PolicyPort{Protocol::udp, std::string("dns"), std::nullopt}}});
  const std::string yaml = render_policies({policy, policy}, OutputFormat::yaml);
  const std::string text = render_policies({policy, policy}, OutputFormat::json);
  auto docs = parse_documents(yaml, "out.yaml");
  ASSERT_TRUE(docs);
  ASSERT_EQ(docs->size(), 2U);
  auto list = parse_documents(text, "out.json");
  ASSERT_TRUE(list);
  EXPECT_EQ((*docs)[0], list->front()["items"][0]);
  EXPECT_EQ((*docs)[0]["spec"]["podSelector"]["matchLabels"]["version"], "1.10");
  EXPECT_EQ((*docs)[0]["spec"]["ingress"][0]["ports"][0]["port"], 8080);
  EXPECT_EQ((*docs)[0]["metadata"]["annotations"]["netobs.io/observed-flows"], "12");
  EXPECT_EQ(yaml.substr(0, 4), "---\n");
  // The JSON List is written an item at a time, exactly as nlohmann prints the whole List.
  EXPECT_EQ(text, nlohmann::ordered_json::parse(text).dump(2) + "\n");
  const std::string none = render_policies({}, OutputFormat::json);
  EXPECT_EQ(none, nlohmann::ordered_json::parse(none).dump(2) + "\n");
  EXPECT_TRUE(nlohmann::ordered_json::parse(none)["items"].empty());
}

TEST(YamlWriter, EmptyRulesAndSelectorsAreExplicit) {
  NetworkPolicy deny;
  deny.name = "default-deny-netobs";
  deny.namespace_name = "shop";
  deny.policy_types = {PolicyType::ingress, PolicyType::egress};
  const std::string yaml = render_policies({deny}, OutputFormat::yaml);
  EXPECT_NE(yaml.find("  podSelector: {}\n"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("  ingress: []\n"), std::string::npos);
  EXPECT_NE(yaml.find("  egress: []\n"), std::string::npos);
}

}  // namespace
}  // namespace netobs
