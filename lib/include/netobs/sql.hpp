// `netobs sql`: one query that reduces VPC flow log records to edge rows where the logs live
// (Athena/Trino, Spark, DuckDB), for `netobs recommend --edges RESULT.csv` when a month of logs
// will never fit through one process. Rows are grouped by (source, destination, protocol, ports,
// flow-direction, action) with the client's ephemeral port collapsed, so there are about as many
// rows as edges, not connections; netobs still decides direction and identity itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <netobs/error.hpp>
#include <netobs/ip.hpp>

namespace netobs {

enum class SqlEngine { athena, trino, spark, duckdb };

struct SqlOptions {
  SqlEngine engine = SqlEngine::athena;
  std::string table;                  // as the engine names it: "vpc_flow_logs", "db.flows"
  std::string log_format;             // the flow log's LogFormat ("${version} ${srcaddr} ..."); empty = default v2
  std::optional<std::int64_t> since;  // Unix seconds
  std::optional<std::int64_t> until;
  bool partitioned = false;         // the table has year, month, day, hour partition columns
  std::vector<Cidr> cluster_cidrs;  // keep rows with an end in these ranges (octet-aligned IPv4)
};

// The query, commented; a usage error for a bad table name, log format or range.
Result<std::string> edge_query(const SqlOptions& options);

}  // namespace netobs
