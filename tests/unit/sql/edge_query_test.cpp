// netobs sql's query per dialect: what each engine needs spelled its own way, the columns a log
// format has or lacks, and the options' errors. DuckDB runs the queries in tests/cli/sql_test.sh.
#include <gtest/gtest.h>

#include <netobs/sql.hpp>

namespace netobs {
namespace {

std::string query_for(SqlEngine engine, const std::string& log_format = "") {
  SqlOptions options;
  options.engine = engine;
  options.table = "logs.vpc_flow_logs";
  options.log_format = log_format;
  auto query = edge_query(options);
  EXPECT_TRUE(query) << (query ? "" : describe(query.error()));
  return query ? *query : std::string();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(EdgeQuery, EachDialectSpellsItsOwnWay) {
  const std::string athena = query_for(SqlEngine::athena);
  EXPECT_TRUE(has(athena, "bitwise_or_agg(tcp_flags)"));
  EXPECT_TRUE(has(athena, "\"start\" AS first_seen"));
  // Trino is the engine under Athena: the same query but for the comment naming the engine.
  EXPECT_TRUE(has(query_for(SqlEngine::trino), "bitwise_or_agg(tcp_flags)"));
  const std::string spark = query_for(SqlEngine::spark);
  EXPECT_TRUE(has(spark, "bit_or(tcp_flags)"));
  EXPECT_TRUE(has(spark, "`end` AS last_seen"));
  EXPECT_FALSE(has(spark, "\"end\""));
  EXPECT_TRUE(has(query_for(SqlEngine::duckdb), "\"end\" AS last_seen"));
  EXPECT_TRUE(has(athena, "FROM logs.vpc_flow_logs\n"));
}

TEST(EdgeQuery, ColumnsFollowTheLogFormat) {
  // Version 2: no pkt-* addresses, no flags, no flow-direction.
  const std::string v2 = query_for(SqlEngine::duckdb);
  EXPECT_TRUE(has(v2, "srcaddr AS src"));
  EXPECT_TRUE(has(v2, "'' AS flow_direction"));
  EXPECT_TRUE(has(v2, "floor(0 / 2) % 2 = 1"));
  const std::string v5 =
      query_for(SqlEngine::athena,
                "${version} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${start} ${end} "
                "${action} ${tcp-flags} ${pkt-srcaddr} ${pkt-dstaddr} ${flow-direction} ${log-status}");
  EXPECT_TRUE(has(v5, "COALESCE(NULLIF(pkt_srcaddr, '-'), srcaddr) AS src"));
  EXPECT_TRUE(has(v5, "flow_direction AS flow_direction"));
  EXPECT_TRUE(has(v5, "bitwise_and(tcp_flags, 18) = 18"));
  EXPECT_TRUE(has(v5, "0 AS packets"));  // not in that format
}

TEST(EdgeQuery, TimeBoundsPrunePartitions) {
  SqlOptions options;
  options.table = "flows";
  options.since = 1764000000;  // 2025-11-24T16:00:00Z
  options.until = 1764003600;
  options.partitioned = true;
  options.cluster_cidrs = {*parse_cidr("10.0.0.0/16"), *parse_cidr("172.20.5.7/32")};
  const auto query = edge_query(options);
  ASSERT_TRUE(query);
  EXPECT_TRUE(has(*query, "\"end\" >= 1764000000"));
  EXPECT_TRUE(has(*query, "\"start\" <= 1764003600"));
  EXPECT_TRUE(has(*query, "concat(year, month, day, hour) >= '2025112416'"));
  EXPECT_TRUE(has(*query, "concat(year, month, day, hour) <= '2025112417'"));
  EXPECT_TRUE(has(*query, "src LIKE '10.0.%'"));
  EXPECT_TRUE(has(*query, "dst = '172.20.5.7'"));
  options.partitioned = false;
  EXPECT_FALSE(has(*edge_query(options), "concat(year"));
}

TEST(EdgeQuery, BadOptionsAreUsageErrors) {
  SqlOptions options;
  options.table = "flows; drop table x";
  EXPECT_EQ(edge_query(options).error().kind, ErrorKind::usage);
  options.table = "flows";
  options.log_format = "${version} ${account-id}";
  EXPECT_EQ(edge_query(options).error().kind, ErrorKind::usage);
  options.log_format = "";
  options.cluster_cidrs = {*parse_cidr("10.0.0.0/12")};
  EXPECT_EQ(edge_query(options).error().kind, ErrorKind::usage);
  options.cluster_cidrs = {*parse_cidr("2001:db8::/32")};
  EXPECT_EQ(edge_query(options).error().kind, ErrorKind::usage);
}

}  // namespace
}  // namespace netobs
