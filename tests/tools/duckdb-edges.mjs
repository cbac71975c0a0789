// Runs a `netobs sql` query in DuckDB over VPC flow log files, as a user would over local files,
// and writes the result as CSV with its header: the proof that `--edges` on the result gives the
// policies the logs give.
//
// usage: node duckdb-edges.mjs QUERY.sql OUT.csv TABLE [--quote-all] [--compat] LOG...
// The table is made from the logs' header line (field names with '-' as '_', as AWS's Athena DDL
// names them; numbers as BIGINT, '-' as NULL). --quote-all quotes every field as Athena's CSV
// does. --compat runs an Athena/Trino or Spark query's DuckDB-compatible core: their functions as
// DuckDB macros, Spark's backquotes as double quotes.
import fs from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";

const numeric = new Set(["version", "srcport", "dstport", "protocol", "packets", "bytes", "start", "end", "tcp-flags"]);

async function main(argv) {
  const [queryFile, out, table, ...rest] = argv;
  const quoteAll = rest.includes("--quote-all");
  const compat = rest.includes("--compat");
  const logs = rest.filter((arg) => !arg.startsWith("--"));
  if (!queryFile || !out || !table || logs.length === 0) {
    console.error("usage: node duckdb-edges.mjs QUERY.sql OUT.csv TABLE [--quote-all] [--compat] LOG...");
    return 2;
  }
  const header = fs.readFileSync(logs[0], "utf8").split("\n", 1)[0].trim().split(/\s+/);
  const columns = header.map((name) => `'${name.replaceAll("-", "_")}': '${numeric.has(name) ? "BIGINT" : "VARCHAR"}'`);
  const files = logs.map((file) => `'${file.replaceAll("'", "''")}'`).join(", ");
  let query = fs.readFileSync(queryFile, "utf8").trim().replace(/;$/, "");
  if (compat) query = query.replaceAll("`", '"');
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  if (compat) {
    await connection.run("CREATE MACRO bitwise_and(a, b) AS a & b");
    await connection.run("CREATE MACRO bitwise_or_agg(x) AS bit_or(x)");
  }
  await connection.run(
    `CREATE TABLE ${table} AS SELECT * FROM read_csv([${files}], delim = ' ', header = true, nullstr = '-', ` +
      `columns = {${columns.join(", ")}})`,
  );
  const options = quoteAll ? "HEADER, DELIMITER ',', FORCE_QUOTE *" : "HEADER, DELIMITER ','";
  await connection.run(`COPY (${query}) TO '${out.replaceAll("'", "''")}' (${options})`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { console.error(String(error.message ?? error)); process.exitCode = 1; },
);
