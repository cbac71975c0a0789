#!/usr/bin/env bash
# netobs sql and --edges with its result, proved with real engines' parts: DuckDB
# (@duckdb/node-api) runs the duckdb query over the sample VPC logs, and the Athena and Spark
# queries' DuckDB-compatible core; node-sql-parser parses the Athena/Trino and Spark (Hive grammar)
# queries. The policies from the edge rows must equal those from the logs.
source "$(dirname "$0")/lib.sh"

TOOLS="$NETOBS_SOURCE_DIR/tests/tools"
[ -d "$TOOLS/node_modules/@duckdb/node-api" ] || skip_suite "DuckDB is not installed (run scripts/install-test-tools.sh)"
INVENTORY="$SAMPLES/flows/inventory.json"
LOG=$(ls "$SAMPLES"/flows/vpc/*.log)
# The sample's LogFormat, from its header line: ${version} ${account-id} ...
FORMAT=$(head -n 1 "$LOG" | sed -E 's/([a-z0-9-]+)/${\1}/g')
duckdb_rows() { node "$TOOLS/duckdb-edges.mjs" "$@" >"$WORK/duckdb.err" 2>&1; }

run recommend "$LOG" --inventory "$INVENTORY" -q
check "the logs themselves: exit 0" exit_is 0
cp "$WORK/out" "$WORK/from-logs.yaml"

# DuckDB over local files: the duckdb query, its CSV, --edges.
run sql --engine duckdb --table flows --log-format "$FORMAT"
check "sql duckdb: exit 0" exit_is 0
cp "$WORK/out" "$WORK/duckdb.sql"
duckdb_rows "$WORK/duckdb.sql" "$WORK/rows.csv" flows "$LOG"
check "DuckDB runs the duckdb query" test $? -eq 0
check "about one row per edge, not per record" test "$(($(wc -l <"$WORK/rows.csv") * 5))" -lt "$(wc -l <"$LOG")"
run recommend --edges "$WORK/rows.csv" --inventory "$INVENTORY" -q
check "--edges rows: exit 0" exit_is 0
check "--edges rows: the policies the logs give" cmp -s "$WORK/from-logs.yaml" "$WORK/out"
run recommend "$WORK/rows.csv" --inventory "$INVENTORY" -q
check "edge rows as a plain source are detected too" cmp -s "$WORK/from-logs.yaml" "$WORK/out"
gzip -c "$WORK/rows.csv" >"$WORK/rows.csv.gz"
run recommend --edges "$WORK/rows.csv.gz" --inventory "$INVENTORY" -q
check "--edges rows gzipped (as Athena can write them): the same policies" cmp -s "$WORK/from-logs.yaml" "$WORK/out"

# Athena/Trino and Spark: valid in their grammars, and their core runs in DuckDB to the same policies
# (Athena's CSV quotes every field).
for engine in athena trino spark; do
  grammar=$engine
  [ "$engine" = spark ] && grammar=hive
  run sql --engine "$engine" --table flows --log-format "$FORMAT" --since 2025-11-24T00:00:00Z --until 2025-11-25T00:00:00Z --partitioned
  check "sql $engine: exit 0" exit_is 0
  cp "$WORK/out" "$WORK/$engine.sql"
  node "$TOOLS/parse-sql.mjs" "$grammar" "$WORK/$engine.sql" >"$WORK/parsed" 2>&1
  check "sql $engine parses as $grammar: $(cat "$WORK/parsed")" grep -q "^ok" "$WORK/parsed"
  # Without the partition columns, which a local table lacks.
  run sql --engine "$engine" --table flows --log-format "$FORMAT"
  cp "$WORK/out" "$WORK/$engine-core.sql"
  duckdb_rows "$WORK/$engine-core.sql" "$WORK/$engine.csv" flows --compat --quote-all "$LOG"
  check "DuckDB runs the $engine core" test $? -eq 0
  check "$engine rows are quoted as Athena writes them" grep -q '^"srcaddr","dstaddr"' "$WORK/$engine.csv"
  run recommend --edges "$WORK/$engine.csv" --inventory "$INVENTORY" -q
  check "$engine rows: the policies the logs give" cmp -s "$WORK/from-logs.yaml" "$WORK/out"
done
check "athena: the start and end columns quoted" grep -qF '"end" >= 1763942400' "$WORK/athena.sql"
check "athena: partition pruning on year/month/day/hour" grep -qF "concat(year, month, day, hour) >= '2025112400'" "$WORK/athena.sql"
check "athena: the pkt-* addresses where the format has them" grep -qF "COALESCE(NULLIF(pkt_srcaddr, '-'), srcaddr)" "$WORK/athena.sql"
check "spark: backquotes" grep -qF '`end` >= 1763942400' "$WORK/spark.sql"

# The default (version 2) format: no pkt-*, no flags, no direction; the same policies again.
awk 'NR == 1 {print "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status"; next}
     {print $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14}' "$LOG" >"$WORK/v2.log"
run recommend "$WORK/v2.log" --inventory "$INVENTORY" -q
cp "$WORK/out" "$WORK/from-v2.yaml"
run sql --engine duckdb --table flows
cp "$WORK/out" "$WORK/v2.sql"
duckdb_rows "$WORK/v2.sql" "$WORK/v2.csv" flows "$WORK/v2.log"
check "DuckDB runs the default-format query" test $? -eq 0
run recommend --edges "$WORK/v2.csv" --inventory "$INVENTORY" -q
check "default format rows: the policies its records give" cmp -s "$WORK/from-v2.yaml" "$WORK/out"

# Usage and input errors.
run sql --engine duckdb
check "no --table: exit 2" exit_is 2
run sql --table "flows; DROP TABLE x"
check "a table name that is not one: exit 2" exit_is 2
check "a table name that is not one: said" err_has "--table 'flows; DROP TABLE x'"
run sql --table flows --log-format '${version} ${bogus}'
check "bad --log-format: exit 2" exit_is 2
run sql --table flows --cluster-cidr 10.0.0.0/12
check "unaligned --cluster-cidr: exit 2" exit_is 2
check "unaligned --cluster-cidr: why" err_has "only IPv4 ranges of /8, /16, /24 or /32"
run sql --table flows --engine oracle
check "unknown --engine: the allowed values" err_has "'oracle' is not one of athena, trino, spark, duckdb"
printf 'srcaddr,dstaddr,protocol,srcport,records\n10.0.1.5,10.0.2.6,6,32768,1\n' >"$WORK/no-dstport.csv"
run recommend --edges "$WORK/no-dstport.csv" --inventory "$INVENTORY"
check "rows without dstport: exit 3" exit_is 3
check "rows without dstport: the file and the column" err_has "no-dstport.csv:1: edge rows without a 'dstport' column"
head -n 3 "$WORK/rows.csv" >"$WORK/bad.csv"
printf '10.0.1.5,10.0.2.6,6,32768,"8080,1\n10.0.1.5,10.0.2.6,6,32768,80x,1\n' >>"$WORK/bad.csv"
run recommend --edges "$WORK/bad.csv" --inventory "$INVENTORY" --strict
check "a bad row with --strict: exit 3" exit_is 3
check "a bad row: file and line" err_has "bad.csv:4: unterminated quote"

finish
