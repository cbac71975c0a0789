// `netobs sql`: print the query that reduces VPC flow logs to edge rows in Athena/Trino, Spark or
// DuckDB, for `netobs recommend --edges RESULT.csv`.
#include <chrono>
#include <iostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <netobs/clock.hpp>
#include <netobs/time.hpp>

#include "options.hpp"
#include "output_format.hpp"

namespace netobs::cli {

ExitCode run_sql(const SqlCommandOptions& options, std::ostream& out, std::ostream& err) {
  SqlOptions sql;
  sql.engine = options.engine;
  sql.table = options.table;
  sql.log_format = options.log_format;
  sql.partitioned = options.partitioned;
  auto window = time_window("sql", options.since, options.until, now_seconds(), err);
  if (!window) return window.error();
  sql.since = window->since;
  sql.until = window->until;
  for (const auto& text : options.cluster_cidrs) {
    auto cidr = parse_cidr(text);
    if (!cidr) {
      fmt::print(err, "netobs sql: --cluster-cidr '{}' is not a CIDR range\n", text);
      return ExitCode::usage;
    }
    sql.cluster_cidrs.push_back(*cidr);
  }
  auto query = edge_query(sql);
  return write_result("sql", query, options.output, out, err);
}

void add_sql_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<SqlCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "sql", "Print a query that reduces VPC flow logs to edge rows where they live (Athena, Trino, Spark, DuckDB)");
  set_examples(*cmd, {"netobs sql --engine athena --table vpc_flow_logs --since -720h --partitioned > edges.sql",
                      "netobs sql --engine duckdb --table flows --log-format \"$(cat format.txt)\""});
  add_choice(*cmd, "--engine", options->engine,
             Choices<SqlEngine>{{"athena", SqlEngine::athena},
                                {"trino", SqlEngine::trino},
                                {"spark", SqlEngine::spark},
                                {"duckdb", SqlEngine::duckdb}},
             "The SQL dialect");
  cmd->add_option("--table", options->table, "The flow log table (columns named as in AWS's Athena DDL)")->required();
  cmd->add_option("--log-format", options->log_format,
                  "The flow log's LogFormat (${version} ${srcaddr} ...); default: version 2's fields");
  add_time_window_options(*cmd, options->since, options->until, "records", "Options");
  cmd->add_flag("--partitioned", options->partitioned,
                "The table has year, month, day, hour partitions (Hive-style or projected): prune them by time");
  cmd->add_option("--cluster-cidr", options->cluster_cidrs,
                  "Keep rows with an end in this range (IPv4 /8, /16, /24 or /32; repeatable)");
  add_output_option(*cmd, options->output, "SQL");
  add_quiet_option(*cmd, options->quiet);
  one_value_per_use(*cmd);
  cmd->callback([options, &exit_code] { exit_code = run_sql(*options, std::cout, std::cerr); });
}

}  // namespace netobs::cli
