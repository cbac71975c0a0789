#include <algorithm>

#include <fmt/format.h>

#include <netobs/option.hpp>
#include <netobs/sql.hpp>
#include <netobs/time.hpp>

#include "ingest/vpc_format.hpp"

namespace netobs {
namespace {

// What differs between the dialects: identifier quoting and the bitwise-OR aggregate.
struct Dialect {
  const char* name;
  char quote;          // '"' (Trino, DuckDB) or '`' (Spark)
  const char* bit_or;  // bitwise_or_agg (Trino) or bit_or (Spark, DuckDB)
};

Dialect dialect_of(SqlEngine engine) {
  switch (engine) {
    case SqlEngine::spark:
      return {"Spark SQL", '`', "bit_or"};
    case SqlEngine::duckdb:
      return {"DuckDB", '"', "bit_or"};
    case SqlEngine::trino:
      return {"Trino", '"', "bitwise_or_agg"};
    case SqlEngine::athena:
      break;
  }
  return {"Athena (Trino)", '"', "bitwise_or_agg"};
}

bool valid_table(const std::string& table) {
  return !table.empty() && table.size() <= 256 && std::all_of(table.begin(), table.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
}

// YYYYMMDDHH of a Unix time (UTC), as the year/month/day/hour partitions spell it together.
std::string hour_key(std::int64_t seconds) {
  const std::string text = format_rfc3339(seconds);  // 2025-11-24T16:00:00Z
  return text.substr(0, 4) + text.substr(5, 2) + text.substr(8, 2) + text.substr(11, 2);
}

// "src LIKE '10.1.%'": exact for octet-aligned IPv4 ranges, which is all the engines share.
Result<std::string> cidr_match(const std::string& column, const Cidr& cidr) {
  if (!cidr.base.is_v4() || cidr.prefix_len % 8 != 0) {
    return make_error(ErrorKind::usage, fmt::format("{} {}: only IPv4 ranges of /8, /16, /24 or /32 can be "
                                                    "matched in every engine's SQL",
                                                    spell(Option::cluster_cidr), to_string(cidr)));
  }
  if (cidr.prefix_len == 0) return std::string("TRUE");
  const std::string text = to_string(cidr.base);
  std::size_t at = 0;
  for (int octet = 0; octet < cidr.prefix_len / 8; ++octet) at = text.find('.', at) + 1;
  if (cidr.prefix_len == 32) return fmt::format("{} = '{}'", column, text);
  return fmt::format("{} LIKE '{}%'", column, text.substr(0, at));
}

}  // namespace

Result<std::string> edge_query(const SqlOptions& options) {
  if (!valid_table(options.table)) {
    return make_error(ErrorKind::usage, fmt::format("{} '{}': expected a name such as vpc_flow_logs or db.flows",
                                                    spell(Option::table), options.table));
  }
  auto parsed = options.log_format.empty() ? Result<VpcColumns>(default_v2_columns())
                                           : columns_from_log_format(options.log_format);
  if (!parsed) return make_error(ErrorKind::usage, spell(Option::log_format) + ": " + describe(parsed.error()));
  const VpcColumns& columns = *parsed;
  if (!columns.usable()) {
    return make_error(ErrorKind::usage,
                      spell(Option::log_format) + " lacks addresses, ports or protocol: no edge can be built");
  }
  const Dialect d = dialect_of(options.engine);
  const auto q = [&](const char* name) { return fmt::format("{0}{1}{0}", d.quote, name); };
  // On EKS the pkt-* fields carry the pods' own addresses where srcaddr/dstaddr carry the ENI's.
  const auto address = [&](int pkt, int plain, const char* pkt_name, const char* name) -> std::string {
    if (pkt >= 0 && plain >= 0) return fmt::format("COALESCE(NULLIF({}, '-'), {})", pkt_name, name);
    return pkt >= 0 ? pkt_name : name;
  };
  const auto optional_column = [](int index, const char* name, const char* otherwise) {
    return index >= 0 ? std::string(name) : std::string(otherwise);
  };
  std::vector<std::string> filters;
  if (columns.log_status >= 0) filters.emplace_back("log_status = 'OK'");
  if (options.since && columns.end >= 0) filters.push_back(fmt::format("{} >= {}", q("end"), *options.since));
  if (options.until && columns.start >= 0) filters.push_back(fmt::format("{} <= {}", q("start"), *options.until));
  if (options.partitioned && (options.since || options.until)) {
    // Partition pruning: the S3 layouts (Hive-style and projected) both keep year, month, day
    // and hour as zero-padded strings, so their concatenation orders as time does.
    const std::string key = "concat(year, month, day, hour)";
    if (options.since) filters.push_back(fmt::format("{} >= '{}'", key, hour_key(*options.since)));
    if (options.until) filters.push_back(fmt::format("{} <= '{}'", key, hour_key(*options.until)));
  }
  std::vector<std::string> cluster;
  for (const Cidr& cidr : options.cluster_cidrs) {
    for (const char* end : {"src", "dst"}) {
      auto match = cidr_match(end, cidr);
      if (!match) return tl::unexpected(match.error());
      cluster.push_back(*match);
    }
  }
  const std::string tcp_flags = optional_column(columns.tcp_flags, "tcp_flags", "0");
  std::string out;
  out +=
      fmt::format("-- netobs sql {} {}: VPC flow log records reduced to edge rows.\n", spell(Option::engine), d.name);
  out += fmt::format("-- Save the result as CSV with its header and give it to: netobs recommend {} RESULT.csv\n",
                     spell(Option::edges));
  out += "-- The client's ephemeral port (32768-60999) is collapsed to 32768: decided by the TCP flags\n";
  out += "-- (SYN: the source is the client; SYN-ACK: the destination), else when only one port is ephemeral.\n";
  out += "-- tcp_flags keeps only SYN (2) and SYN-ACK (18), the flags netobs reads the direction from.\n";
  out += "WITH records AS (\n  SELECT\n";
  out += fmt::format("    {} AS src,\n", address(columns.pkt_srcaddr, columns.srcaddr, "pkt_srcaddr", "srcaddr"));
  out += fmt::format("    {} AS dst,\n", address(columns.pkt_dstaddr, columns.dstaddr, "pkt_dstaddr", "dstaddr"));
  out += "    protocol, srcport, dstport,\n";
  out += fmt::format("    {} AS flow_direction,\n", optional_column(columns.flow_direction, "flow_direction", "''"));
  out += fmt::format("    {} AS action,\n", optional_column(columns.action, "action", "'ACCEPT'"));
  // Only what tells the direction: SYN (2) and SYN-ACK (18). OR-ing raw flags would turn a SYN and
  // a later ACK of the same client into a SYN-ACK.
  out +=
      "    CASE WHEN protocol = 6 AND BITWISE_FLAGS_SYNACK THEN 18 WHEN protocol = 6 AND BITWISE_FLAGS_SYN THEN 2 "
      "ELSE 0 END AS tcp_flags,\n";
  out += fmt::format("    {} AS packets,\n", optional_column(columns.packets, "packets", "0"));
  out += fmt::format("    {} AS bytes,\n", optional_column(columns.bytes, "bytes", "0"));
  out += fmt::format("    {} AS first_seen,\n", columns.start >= 0 ? q("start") : std::string("0"));
  out += fmt::format("    {} AS last_seen,\n", columns.end >= 0 ? q("end") : std::string("0"));
  out += "    CASE\n";
  out += "      WHEN protocol = 6 AND BITWISE_FLAGS_SYNACK THEN 'dst'\n";
  out += "      WHEN protocol = 6 AND BITWISE_FLAGS_SYN THEN 'src'\n";
  out += "      WHEN srcport BETWEEN 32768 AND 60999 AND NOT dstport BETWEEN 32768 AND 60999 THEN 'src'\n";
  out += "      WHEN dstport BETWEEN 32768 AND 60999 AND NOT srcport BETWEEN 32768 AND 60999 THEN 'dst'\n";
  out += "      ELSE ''\n    END AS client_side\n";
  out += fmt::format("  FROM {}\n", options.table);
  std::vector<std::string> where{"srcaddr IS NOT NULL", "srcport IS NOT NULL", "protocol IS NOT NULL"};
  where.insert(where.end(), filters.begin(), filters.end());
  out += fmt::format("  WHERE {}\n)\n", fmt::join(where, "\n    AND "));
  out += "SELECT\n  src AS srcaddr,\n  dst AS dstaddr,\n  protocol,\n";
  out +=
      "  CASE WHEN client_side = 'src' AND srcport BETWEEN 32768 AND 60999 THEN 32768 ELSE srcport END AS srcport,\n";
  out +=
      "  CASE WHEN client_side = 'dst' AND dstport BETWEEN 32768 AND 60999 THEN 32768 ELSE dstport END AS dstport,\n";
  out += "  count(*) AS records,\n  flow_direction,\n  action,\n";
  out += fmt::format("  {}(tcp_flags) AS tcp_flags,\n", d.bit_or);
  out +=
      "  sum(packets) AS packets,\n  sum(bytes) AS bytes,\n  min(first_seen) AS first_seen,\n  max(last_seen) AS "
      "last_seen\n";
  out += "FROM records\n";
  if (!cluster.empty()) out += fmt::format("WHERE {}\n", fmt::join(cluster, "\n   OR "));
  out += "GROUP BY 1, 2, 3, 4, 5, 7, 8\n";
  out += "ORDER BY 1, 2, 3, 4, 5, 7, 8\n";
  // The flag tests differ: Trino spells bitwise AND as a function; Spark's Hive-derived grammar has
  // no portable bit test, so Spark and DuckDB test each bit by arithmetic.
  const bool trino = options.engine == SqlEngine::athena || options.engine == SqlEngine::trino;
  const auto flag_test = [&](int mask) {
    if (trino) return fmt::format("bitwise_and({}, {}) = {}", tcp_flags, mask, mask);
    std::vector<std::string> bits;
    for (int bit = 1; bit <= mask; bit <<= 1) {
      if (mask & bit) bits.push_back(fmt::format("floor({} / {}) % 2 = 1", tcp_flags, bit));
    }
    return fmt::format("({})", fmt::join(bits, " AND "));
  };
  const auto replace = [&](const std::string& token, const std::string& with) {
    out.replace(out.find(token), token.size(), with);
  };
  for (int use = 0; use < 2; ++use) {  // in the flags column and in client_side
    replace("BITWISE_FLAGS_SYNACK", flag_test(18));
    replace("BITWISE_FLAGS_SYN", flag_test(2));
  }
  out += ";\n";
  return out;
}

}  // namespace netobs
