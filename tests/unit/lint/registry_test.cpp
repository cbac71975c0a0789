// Every lint rule is well declared, documented in docs/lint-rules.md, and has a golden case.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include <netobs/lint.hpp>
#include <netobs/option.hpp>

#include "option_flags.hpp"

namespace netobs::lint {
namespace {

namespace fs = std::filesystem;

TEST(LintRegistry, RulesAreWellDeclared) {
  const std::regex kebab("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  std::set<std::string> ids;
  std::string previous;
  for (const Rule* rule : builtin_rules()) {
    EXPECT_TRUE(std::regex_match(rule->id, kebab)) << rule->id;
    EXPECT_TRUE(ids.insert(rule->id).second) << "duplicate " << rule->id;
    EXPECT_LT(previous, rule->id) << "registry not sorted at " << rule->id;
    previous = rule->id;
    EXPECT_FALSE(rule->summary.empty()) << rule->id;
    EXPECT_FALSE(rule->remediation.empty()) << rule->id;
    EXPECT_EQ(rule->remediation.back(), '.') << rule->id;
    // Every option placeholder names a real option (spell_options leaves an unknown one as written).
    EXPECT_EQ(spell_options(rule->summary).find("{option:"), std::string::npos) << rule->id;
    EXPECT_EQ(spell_options(rule->remediation).find("{option:"), std::string::npos) << rule->id;
    EXPECT_NE(rule->check, nullptr) << rule->id;
    EXPECT_TRUE(fs::is_directory(fs::path(NETOBS_SOURCE_DIR) / "tests" / "golden" / "lint" / rule->id))
        << "no tests/golden/lint/" << rule->id;
  }
  EXPECT_GE(ids.size(), 20U);
}

TEST(LintRegistry, DocsAreCurrent) {
  std::ifstream in(fs::path(NETOBS_SOURCE_DIR) / "docs" / "lint-rules.md");
  std::stringstream committed;
  committed << in.rdbuf();
  // The page is what the command line prints, so its options are spelled as flags.
  set_option_speller(&cli::option_flag);
  const std::string rendered = render_rules_markdown();
  set_option_speller(nullptr);
  EXPECT_EQ(committed.str(), rendered)
      << "docs/lint-rules.md is stale: run netobs lint --list-rules --format markdown > docs/lint-rules.md";
}

}  // namespace
}  // namespace netobs::lint
