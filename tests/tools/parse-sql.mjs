// Parses a query with node-sql-parser's grammar for a dialect ("athena", "trino", "hive" for
// Spark SQL's Hive-derived grammar): `netobs sql`'s queries must be valid where they will run.
//
// usage: node parse-sql.mjs DATABASE QUERY.sql
// Prints "ok DATABASE" (exit 0) or "error DATABASE: MESSAGE" (exit 1).
import fs from "node:fs";
import parserPackage from "node-sql-parser";

const [database, file] = process.argv.slice(2);
if (!database || !file) {
  console.error("usage: node parse-sql.mjs DATABASE QUERY.sql");
  process.exitCode = 2;
} else {
  try {
    new parserPackage.Parser().astify(fs.readFileSync(file, "utf8"), { database });
    console.log(`ok ${database}`);
  } catch (error) {
    console.log(`error ${database}: ${String(error.message ?? error).slice(0, 400)}`);
    process.exitCode = 1;
  }
}
