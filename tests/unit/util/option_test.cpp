// The library names options and the front end spells them (netobs/option.hpp).
#include <regex>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include <netobs/error.hpp>
#include <netobs/option.hpp>
#include <netobs/sql.hpp>

namespace netobs {
namespace {

std::string angle_speller(Option option) { return "<" + std::string(option_name(option)) + ">"; }

// Returns to the neutral names after each test, as every other test of the library expects.
class OptionSpelling : public ::testing::Test {
 protected:
  void TearDown() override { set_option_speller(nullptr); }
};

TEST_F(OptionSpelling, NamesAreDistinctSnakeCase) {
  const std::regex snake("[a-z]+(_[a-z]+)*");
  std::set<std::string_view> names;
  for (const Option option : all_options()) {
    const std::string_view name = option_name(option);
    EXPECT_TRUE(std::regex_match(std::string(name), snake)) << name;
    EXPECT_TRUE(names.insert(name).second) << "twice: " << name;
  }
  EXPECT_EQ(option_name(Option::max_depth), "max_depth");
}

TEST_F(OptionSpelling, WithoutASpellerTheNeutralNameIsWritten) {
  for (const Option option : all_options()) EXPECT_EQ(spell(option), option_name(option));
  SqlOptions sql;
  sql.table = "no table";
  const auto query = edge_query(sql);
  ASSERT_FALSE(query);
  EXPECT_EQ(query.error().message, "table 'no table': expected a name such as vpc_flow_logs or db.flows");
}

TEST_F(OptionSpelling, LibraryMessagesUseTheSetSpeller) {
  set_option_speller(&angle_speller);
  EXPECT_EQ(spell(Option::agent_retry_for), "<agent_retry_for>");
  SqlOptions sql;
  sql.table = "no table";
  const auto query = edge_query(sql);
  ASSERT_FALSE(query);
  EXPECT_EQ(query.error().message, "<table> 'no table': expected a name such as vpc_flow_logs or db.flows");
  sql.table = "flows";
  const auto header = edge_query(sql);
  ASSERT_TRUE(header) << describe(header.error());
  EXPECT_NE(header->find("give it to: netobs recommend <edges> RESULT.csv"), std::string::npos) << *header;

  set_option_speller(nullptr);
  EXPECT_EQ(spell(Option::agent_retry_for), "agent_retry_for");
}

TEST_F(OptionSpelling, PlaceholdersInFixedTextsAreSpelled) {
  EXPECT_EQ(spell_options("from {option:flows}, {option:default_deny}."), "from flows, default_deny.");
  set_option_speller(&angle_speller);
  EXPECT_EQ(spell_options("from {option:flows}"), "from <flows>");
  // Braces that are no option placeholder stay as written.
  EXPECT_EQ(spell_options("podSelector: {} {option:no_such_option} {option:"),
            "podSelector: {} {option:no_such_option} {option:");
}

}  // namespace
}  // namespace netobs
