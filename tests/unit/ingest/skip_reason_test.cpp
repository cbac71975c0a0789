// Skip reasons: one display text per reason, stable keys that read back, and the words earlier
// versions saved in edge files read as the same reasons.
#include <set>

#include <gtest/gtest.h>

#include <netobs/option.hpp>
#include <netobs/skip_reason.hpp>

namespace netobs {
namespace {

// A key of `reason` with every value the reason words filled in.
SkipKey sample_key(SkipReason reason) {
  return {reason, skip_reason_has_detail(reason) ? "DETAIL" : "",
          skip_reason_has_metric(reason) ? "some_metric_total" : ""};
}

TEST(SkipReason, EveryReasonHasADistinctTextAndId) {
  std::set<std::string> texts;
  std::set<std::string_view> ids;
  ASSERT_FALSE(all_skip_reasons().empty());
  for (const SkipReason reason : all_skip_reasons()) {
    const std::string text = describe(sample_key(reason));
    const std::string_view id = skip_reason_id(reason);
    EXPECT_FALSE(text.empty()) << id;
    EXPECT_NE(text.find_first_not_of(' '), std::string::npos) << id;
    EXPECT_TRUE(texts.insert(text).second) << "two reasons read '" << text << "'";
    EXPECT_TRUE(ids.insert(id).second) << id;
    EXPECT_EQ(id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_"), std::string_view::npos) << id;
    EXPECT_EQ(skip_reason_from_id(id), reason) << id;
  }
}

TEST(SkipReason, StableKeysAndDisplayTextsReadBackAsTheSameKey) {
  for (const SkipReason reason : all_skip_reasons()) {
    const SkipKey key = sample_key(reason);
    EXPECT_EQ(parse_skip_key(stable_skip_key(key)), key) << stable_skip_key(key);
    EXPECT_EQ(parse_skip_key(describe(key)), key) << describe(key);
  }
  // A detail may hold ':' (a metric's protocol label is anyone's text).
  const SkipKey odd{SkipReason::series_of_protocol, "a:b c", "hubble_port_distribution_total"};
  EXPECT_EQ(stable_skip_key(odd), "series_of_protocol:hubble_port_distribution_total:a:b c");
  EXPECT_EQ(parse_skip_key(stable_skip_key(odd)), odd);
  EXPECT_EQ(parse_skip_key("no such reason"), std::nullopt);
  EXPECT_EQ(parse_skip_key("log_status"), std::nullopt);        // the status is missing
  EXPECT_EQ(parse_skip_key("before_since:now"), std::nullopt);  // it names no value
}

TEST(SkipReason, TextsAreTheWordsSummariesPrint) {
  EXPECT_EQ(describe(SkipKey{SkipReason::log_status, "NODATA", ""}), "log-status NODATA");
  EXPECT_EQ(describe(SkipKey{SkipReason::vpc_action, "REJECT", ""}), "action REJECT");
  // An option is written as the front end spells it: the neutral name here, a flag in the CLI.
  EXPECT_EQ(describe(SkipKey{SkipReason::before_since, "", ""}), "before since");
  set_option_speller([](Option option) { return "--" + std::string(option_name(option)); });
  EXPECT_EQ(describe(SkipKey{SkipReason::before_since, "", ""}), "before --since");
  // Words saved by earlier versions (the CLI's spelling) are still read back.
  EXPECT_EQ(parse_skip_key("before --since"), (SkipKey{SkipReason::before_since, "", ""}));
  set_option_speller(nullptr);
  EXPECT_EQ(describe(SkipKey{SkipReason::series_without_end, "source", "hubble_port_distribution_total"}),
            "hubble_port_distribution_total series without a source workload or address (its source_namespace and "
            "source_workload, or source_ip)");
  // Sorted by the words, as they were when the words were the keys.
  const SkipCounts counts{{{SkipReason::vpc_action, "REJECT", ""}, 2}, {{SkipReason::log_status, "NODATA", ""}, 1}};
  const std::vector<std::pair<std::string, std::uint64_t>> rows{{"action REJECT", 2}, {"log-status NODATA", 1}};
  EXPECT_EQ(describe_skips(counts), rows);
}

TEST(SkipReason, WordsEarlierVersionsSavedAreRead) {
  EXPECT_EQ(parse_skip_key("action REJECT"), (SkipKey{SkipReason::vpc_action, "REJECT", ""}));
  EXPECT_EQ(parse_skip_key("protocol 47 (no NetworkPolicy can express it)"),
            (SkipKey{SkipReason::protocol_not_expressible, "47", ""}));
  // A reason of its own, not the verdict "missing or unknown".
  EXPECT_EQ(parse_skip_key("policy verdict missing or unknown"), (SkipKey{SkipReason::policy_verdict_unknown, "", ""}));
  EXPECT_EQ(parse_skip_key("hubble_port_distribution_total series without traffic (value -1)"),
            (SkipKey{SkipReason::series_without_traffic, "-1", "hubble_port_distribution_total"}));
  EXPECT_EQ(parse_skip_key("networkobservability_adv_forward_count series without a destination_port label"),
            (SkipKey{SkipReason::series_without_label, "destination_port", "networkobservability_adv_forward_count"}));
}

}  // namespace
}  // namespace netobs
