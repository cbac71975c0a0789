#include "ingest/line_reader.hpp"

#include <gtest/gtest.h>

#include "testutil/ingest_text.hpp"

namespace netobs {
namespace {

std::vector<std::string> read_all(const std::string& path) {
  auto reader = LineReader::open(path, path);
  EXPECT_TRUE(reader);
  std::vector<std::string> lines;
  std::string_view line;
  while ((*reader)->next(line)) lines.emplace_back(line);
  EXPECT_FALSE((*reader)->error());
  return lines;
}

TEST(LineReader, SplitsLinesWithoutTrailingNewlineOrCr) {
  testing::TempDir dir;
  EXPECT_EQ(read_all(dir.write("a", "one\r\ntwo\n\nthree")), (std::vector<std::string>{"one", "two", "", "three"}));
  EXPECT_TRUE(read_all(dir.write("empty", "")).empty());
  EXPECT_EQ(read_all(dir.write("x", "x")), (std::vector<std::string>{"x"}));
}

TEST(LineReader, InflatesMultiMemberGzip) {
  testing::TempDir dir;
  std::string content;
  for (int i = 0; i < 20000; ++i) content += "line " + std::to_string(i) + "\n";
  const auto lines = read_all(dir.write_gzip("f.gz", content, 3));
  ASSERT_EQ(lines.size(), 20000U);
  EXPECT_EQ(lines.back(), "line 19999");
}

TEST(LineReader, LongLinesAcrossBlocks) {
  testing::TempDir dir;
  const std::string long_line(9 << 20, 'x');
  const auto lines = read_all(dir.write("long", "a\n" + long_line + "\nb\n"));
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[1].size(), long_line.size());
}

TEST(LineReader, TruncatedGzipIsAnError) {
  testing::TempDir dir;
  std::string bytes = testing::gzip(std::string(100000, 'a') + "\n");
  bytes.resize(bytes.size() / 2);
  const std::string path = dir.write("cut.gz", bytes);
  Ingested out;
  out.status = ingest_source(path, {}, Inventory{}, out.aggregate, out.summary);
  ASSERT_FALSE(out.status);
  EXPECT_NE(describe(out.status.error()).find("truncated gzip"), std::string::npos) << describe(out.status.error());
  EXPECT_NE(describe(out.status.error()).find("cut.gz"), std::string::npos);
}

TEST(LineReader, GzipSourcesAreDetectedByMagicBytes) {
  testing::TempDir dir;
  const std::string path = dir.write_gzip("records.log", "2 1 eni-1 10.0.0.1 10.0.0.2 50000 443 6 1 1 1 2 ACCEPT OK\n");
  Ingested out;
  out.status = ingest_source(path, {}, Inventory{}, out.aggregate, out.summary);
  ASSERT_TRUE(out.status);
  EXPECT_EQ(out.summary.records_used, 1U);
  EXPECT_NE(out.summary.sources[0].find("gzip"), std::string::npos);
}

TEST(Ingest, DirectoriesAreReadRecursivelyInOrderSkippingExcludedAndHidden) {
  testing::TempDir dir;
  dir.write("b/2.log", "2 1 eni-1 10.0.0.1 10.0.0.3 50000 443 6 1 1 1 2 ACCEPT OK\n");
  dir.write("a/1.log", "2 1 eni-1 10.0.0.1 10.0.0.2 50000 443 6 1 1 1 2 ACCEPT OK\n");
  dir.write(".hidden/x.log", "garbage\n");
  const std::string inventory = dir.write("inventory.json", "{\n\"kind\": \"List\"\n}\n");
  IngestOptions options;
  options.exclude.emplace_back(inventory);
  Ingested out;
  out.status = ingest_source(dir.path().string(), options, Inventory{}, out.aggregate, out.summary);
  ASSERT_TRUE(out.status);
  ASSERT_EQ(out.summary.sources.size(), 2U);
  EXPECT_NE(out.summary.sources[0].find("a/1.log"), std::string::npos);
  EXPECT_EQ(out.summary.malformed_count, 0U);
}

TEST(Ingest, MissingSourceIsAnIoError) {
  Ingested out;
  out.status = ingest_source("/nonexistent/flows.log", {}, Inventory{}, out.aggregate, out.summary);
  ASSERT_FALSE(out.status);
  EXPECT_EQ(out.status.error().kind, ErrorKind::io);
  EXPECT_NE(describe(out.status.error()).find("/nonexistent/flows.log"), std::string::npos);
}

}  // namespace
}  // namespace netobs
