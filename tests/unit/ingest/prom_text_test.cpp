// The Prometheus text and OpenMetrics line parser (../shared/reference/flow-sources.md section 3).
#include "ingest/prom_text.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace netobs {
namespace {

PromLine parsed(std::string_view text) {
  PromLine line;
  auto error = parse_prom_line(text, line);
  EXPECT_FALSE(error) << text << ": " << error.value_or("");
  return line;
}

std::string error_of(std::string_view text) {
  PromLine line;
  return parse_prom_line(text, line).value_or("(no error)");
}

TEST(PromText, MetadataLines) {
  EXPECT_EQ(parsed("").kind, PromLineKind::blank);
  EXPECT_EQ(parsed("   ").kind, PromLineKind::blank);
  EXPECT_EQ(parsed("# just a comment").kind, PromLineKind::comment);
  EXPECT_EQ(parsed("#").kind, PromLineKind::comment);
  const PromLine help = parsed("# HELP http_requests_total The total \\\\ number\\n of requests.");
  EXPECT_EQ(help.kind, PromLineKind::help);
  EXPECT_EQ(help.name, "http_requests_total");
  EXPECT_EQ(help.text, "The total \\\\ number\\n of requests.");
  const PromLine type = parsed("# TYPE hubble_port_distribution counter");
  EXPECT_EQ(type.kind, PromLineKind::type);
  EXPECT_EQ(type.text, "counter");
  EXPECT_EQ(parsed("# UNIT request_seconds seconds").kind, PromLineKind::unit);
  EXPECT_EQ(parsed("# EOF").kind, PromLineKind::eof);
  EXPECT_EQ(error_of("# TYPE x countr"), "unknown metric type 'countr'");
  EXPECT_EQ(error_of("# TYPE"), "# TYPE without a metric name");
}

TEST(PromText, SamplesWithEscapedLabels) {
  const PromLine line = parsed(
      R"(msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\"",odd=", } = {"} 1.458255915e9)");
  EXPECT_EQ(line.kind, PromLineKind::sample);
  EXPECT_EQ(line.name, "msdos_file_access_time_seconds");
  ASSERT_EQ(line.labels.size(), 3U);
  EXPECT_EQ(line.label("path"), "C:\\DIR\\FILE.TXT");
  EXPECT_EQ(line.label("error"), "Cannot find file:\n\"FILE.TXT\"");
  EXPECT_EQ(line.label("odd"), ", } = {");
  EXPECT_EQ(line.label("absent"), "");
  EXPECT_DOUBLE_EQ(line.value, 1.458255915e9);
  EXPECT_FALSE(line.timestamp);
}

TEST(PromText, ValuesTimestampsAndExemplars) {
  const PromLine plain = parsed("metric_without_labels 12.47");
  EXPECT_TRUE(plain.labels.empty());
  EXPECT_DOUBLE_EQ(plain.value, 12.47);
  const PromLine stamped = parsed("x{a=\"1\",} 3 1395066363000");  // a trailing comma is allowed
  EXPECT_EQ(stamped.label("a"), "1");
  EXPECT_EQ(stamped.timestamp, 1395066363000.0);
  EXPECT_TRUE(std::isnan(parsed("x NaN").value));
  EXPECT_EQ(parsed("x +Inf").value, INFINITY);
  EXPECT_EQ(parsed("x -Inf").value, -INFINITY);
  EXPECT_EQ(parsed("x { a = \"1\" , b=\"2\" } 1").labels.size(), 2U);
  // OpenMetrics: seconds with a fraction, and an exemplar after the value or the timestamp.
  EXPECT_EQ(parsed("foo_total 17.0 1520879607.789").timestamp, 1520879607.789);
  EXPECT_EQ(parsed("foo_bucket{le=\"0.1\"} 8 # {id=\"abc\"} 0.043 1520879607.7").value, 8);
  EXPECT_EQ(parsed("foo_bucket{le=\"0.1\"} 8 1520879607 # {id=\"abc\"} 0.043").timestamp, 1520879607.0);
  // The label vector is reused: a later line's labels do not keep an earlier line's.
  PromLine line;
  ASSERT_FALSE(parse_prom_line("x{a=\"1\",b=\"2\"} 1", line));
  ASSERT_FALSE(parse_prom_line("x{c=\"3\"} 1", line));
  EXPECT_EQ(line.labels.size(), 1U);
  EXPECT_EQ(line.label("a"), "");
}

TEST(PromText, ErrorsSayWhat) {
  EXPECT_EQ(error_of("x{a=\"1\"}"), "expected a space and a value after the metric");
  EXPECT_EQ(error_of("x 1 2 3"), "unexpected text after the sample");
  EXPECT_EQ(error_of("x{a=\"1} 1"), "label value without its closing quote");
  EXPECT_EQ(error_of("x{a=\"\\t\"} 1"), "unknown escape '\\t' in a label value");
  EXPECT_EQ(error_of("x{a=1} 1"), "expected a quoted value for label a");
  EXPECT_EQ(error_of("x{a} 1"), "expected '=' after label a");
  EXPECT_EQ(error_of("x{a=\"1\" b=\"2\"} 1"), "expected ',' or '}' after label a");
  EXPECT_EQ(error_of("x{9=\"1\"} 1"), "expected a label name");
  EXPECT_EQ(error_of("x{a=\"1\""), "expected ',' or '}' after label a");
  EXPECT_EQ(error_of("x{a=\"1\","), "label set without its closing '}'");
  EXPECT_EQ(error_of("x"), "expected a space and a value after the metric");
  EXPECT_EQ(error_of("x "), "expected a space and a value after the metric");
  EXPECT_EQ(error_of("x one"), "bad sample value 'one'");
  EXPECT_EQ(error_of("x 1 soon"), "bad timestamp 'soon'");
  EXPECT_EQ(error_of("9x 1"), "expected a metric name");
  EXPECT_EQ(error_of("x ++1"), "bad sample value '++1'");
  std::string many = "x{";
  for (std::size_t i = 0; i <= k_max_prom_labels; ++i) many += "l" + std::to_string(i) + "=\"v\",";
  EXPECT_EQ(error_of(many + "} 1"), "more than 256 labels");
}

}  // namespace
}  // namespace netobs
