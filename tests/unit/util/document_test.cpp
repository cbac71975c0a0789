// The positioned YAML/JSON reader every Kubernetes object goes through: values as the core schema
// reads them, positions, errors with lines, and the limits that hostile input runs into.
#include "util/document.hpp"

#include <chrono>

#include <gtest/gtest.h>

#include <netobs/limits.hpp>

#include "testutil/temp_dir.hpp"

namespace netobs {
namespace {

using nlohmann::json;

// Sets limits for one test and restores the defaults after it.
class ScopedLimits {
 public:
  explicit ScopedLimits(const InputLimits& limits) { set_input_limits(limits); }
  ~ScopedLimits() { set_input_limits(InputLimits{}); }
  ScopedLimits(const ScopedLimits&) = delete;
  ScopedLimits& operator=(const ScopedLimits&) = delete;
};

std::vector<LocatedDocument> parse_ok(const std::string& text) {
  auto documents = parse_located_documents(text, "in.yaml");
  EXPECT_TRUE(documents) << describe(documents.error());
  return documents ? std::move(*documents) : std::vector<LocatedDocument>{};
}

Error parse_error(const std::string& text) {
  auto documents = parse_located_documents(text, "in.yaml");
  EXPECT_FALSE(documents) << "parsed: " << (documents && !documents->empty() ? documents->front().value.dump() : "");
  return documents ? Error{} : documents.error();
}

TEST(Document, ScalarsFollowTheCoreSchemaAndQuotedOnesStayStrings) {
  const auto docs = parse_ok(
      "a: 1\nb: -2\nc: 1.5\nd: true\ne: False\nf: ~\ng:\nh: '1'\ni: \"true\"\nj: 0x10\nk: 1e3\nl: |\n  text\n"
      "m: !!str 12\nn: 99999999999999999999\no: v1\n");
  ASSERT_EQ(docs.size(), 1U);
  const json expected = {{"a", 1},       {"b", -2},
                         {"c", 1.5},     {"d", true},
                         {"e", false},   {"f", nullptr},
                         {"g", nullptr}, {"h", "1"},
                         {"i", "true"},  {"j", "0x10"},
                         {"k", 1000.0},  {"l", "text\n"},
                         {"m", "12"},    {"n", "99999999999999999999"},
                         {"o", "v1"}};
  EXPECT_EQ(docs[0].value, expected);
}

TEST(Document, KeepsTheLineAndColumnOfEveryValueAndPointsANullAtItsKey) {
  const auto docs = parse_ok(
      "---\nkind: A\n---\nkind: NetworkPolicy\nspec:\n  podSelector:\n  ingress:\n  - ports:\n    - port: 80\n");
  ASSERT_EQ(docs.size(), 2U);
  EXPECT_EQ(docs[1].line, 3U);
  EXPECT_EQ(docs[1].location("/spec/ingress/0/ports/0/port").line, 9U);
  EXPECT_EQ(docs[1].column("/spec/ingress/0/ports/0/port"), 13U);
  EXPECT_EQ(docs[1].location("/spec/podSelector").line, 6U);               // null: its key's line
  EXPECT_EQ(docs[1].location("/spec/ingress/0/missing/deeper").line, 8U);  // nearest ancestor
  EXPECT_EQ(docs[1].location("/kind").file, "in.yaml");
}

TEST(Document, EscapesKeysInPointers) {
  const auto docs = parse_ok("metadata:\n  annotations:\n    a/b~c: x\n");
  ASSERT_EQ(docs.size(), 1U);
  EXPECT_EQ(docs[0].location("/metadata/annotations/a~1b~0c").line, 3U);
}

TEST(Document, EmptyDocumentsAreLeftOut) {
  const auto docs = parse_ok("---\n---\n# only a comment\n---\nkind: A\n...\n");
  ASSERT_EQ(docs.size(), 1U);
  EXPECT_EQ(docs[0].value, json({{"kind", "A"}}));
}

TEST(Document, AliasesAreExpanded) {
  const auto docs = parse_ok("base: &labels {app: web, tier: front}\nother: *labels\nlist: [&x 1, *x]\n");
  ASSERT_EQ(docs.size(), 1U);
  EXPECT_EQ(docs[0].value["other"], json({{"app", "web"}, {"tier", "front"}}));
  EXPECT_EQ(docs[0].value["list"], json({1, 1}));
}

TEST(Document, JsonWithTabsStillParses) {
  const auto docs = parse_ok("{\n\t\"kind\": \"List\",\n\t\"items\": []\n}\n");
  ASSERT_EQ(docs.size(), 1U);
  EXPECT_EQ(docs[0].value["kind"], "List");
}

TEST(Document, SyntaxErrorsNameTheFileAndLine) {
  const Error error = parse_error("kind: A\nspec:\n  a: [1, 2\n");
  EXPECT_EQ(error.kind, ErrorKind::invalid_input);
  EXPECT_EQ(error.where.file, "in.yaml");
  EXPECT_GT(error.where.line, 0U);
  EXPECT_TRUE(describe(error).starts_with("in.yaml:")) << describe(error);
  EXPECT_NE(error.message.find("invalid YAML"), std::string::npos) << error.message;
}

TEST(Document, InvalidUtf8IsASyntaxErrorNotACrash) {
  const Error error = parse_error("apiVersion: \xff\n");
  EXPECT_EQ(error.kind, ErrorKind::invalid_input);
  EXPECT_EQ(error.where.line, 1U);
  EXPECT_TRUE(describe(error).starts_with("in.yaml:1: invalid YAML")) << describe(error);
}

// Found by a fuzzing run outside the project: each once crashed or exhausted memory.
TEST(Document, AnAliasInsideItsOwnAnchorIsRejected) {
  for (const char* text : {"metadata: &m {name: x, labels: *m}\n", "items: &i [*i]\n"}) {
    const Error error = parse_error(text);
    EXPECT_EQ(error.kind, ErrorKind::invalid_input);
    EXPECT_NE(error.message.find("refers to a node that contains it"), std::string::npos) << error.message;
  }
  EXPECT_NE(parse_error("a: *nowhere\n").message.find("undefined alias *nowhere"), std::string::npos);
}

TEST(Document, BillionLaughsStopsAtTheAliasLimit) {
  std::string text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 10; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += std::string(j ? ", " : "") + "*a" + std::to_string(i - 1);
    text += "]\n";
  }
  const Error error = parse_error(text);
  EXPECT_EQ(error.kind, ErrorKind::limit);
  EXPECT_NE(error.message.find("raise it with max_alias_nodes"), std::string::npos) << error.message;
  // a0..a3 add 12,330 values; the eighth alias of a4 passes 100,000.
  EXPECT_EQ(error.where.line, 5U);
  EXPECT_TRUE(describe(error).starts_with("in.yaml:5: ")) << describe(error);
}

// Each is a syntax error with its line. yaml-cpp took these to no end (allocating until memory ran
// out); the bound below is a generous guard against that, not a speed measurement.
TEST(Document, InputsThatMadeYamlCppAllocateWithoutBoundFailQuickly) {
  for (const char* text : {"\"a\",\nb", "[\"a\",\nb", "- \"a\",\n- b: \"c\",\nd"}) {
    const auto start = std::chrono::steady_clock::now();
    auto documents = parse_located_documents(text, "in.yaml");
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_LT(elapsed, std::chrono::seconds(2)) << text;
    ASSERT_FALSE(documents) << text;
    EXPECT_EQ(documents.error().kind, ErrorKind::invalid_input) << describe(documents.error());
    EXPECT_TRUE(describe(documents.error()).starts_with("in.yaml:")) << describe(documents.error());
  }
}

TEST(Document, DepthNodesAndDocumentsAreBounded) {
  InputLimits limits;
  limits.max_depth = 3;
  limits.max_nodes = 10;
  limits.max_documents = 2;
  const ScopedLimits scoped(limits);
  EXPECT_TRUE(parse_located_documents("a: {b: {c: 1}}\n", "in.yaml"));  // three levels
  const Error deep = parse_error("a:\n  b:\n    c:\n      d: 1\n");
  EXPECT_NE(deep.message.find("nested too deep (limit 3; raise it with max_depth)"), std::string::npos) << deep.message;
  EXPECT_EQ(deep.where.line, 4U);
  EXPECT_TRUE(describe(deep).starts_with("in.yaml:4: ")) << describe(deep);
  EXPECT_NE(parse_error("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n").message.find("raise it with max_nodes"),
            std::string::npos);
  EXPECT_NE(parse_error("a: 1\n---\nb: 2\n---\nc: 3\n").message.find("raise it with max_documents"), std::string::npos);
  // JSON is bounded in depth too, on both paths.
  EXPECT_EQ(parse_documents("[[[[1]]]]", "in.json").error().kind, ErrorKind::limit);
  EXPECT_EQ(parse_json("{\"a\":{\"b\":{\"c\":{}}}}", "in.json").error().kind, ErrorKind::limit);
  EXPECT_TRUE(parse_json("{\"a\":{\"b\":1}}", "in.json"));
}

TEST(Document, AFileLargerThanTheLimitIsNotRead) {
  const testing::TempDir dir;
  const std::string path = dir.write("big.yaml", std::string(2000, '#'));
  InputLimits limits;
  limits.max_file_bytes = 1000;
  const ScopedLimits scoped(limits);
  auto text = read_text_file(path);
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().kind, ErrorKind::limit);
  EXPECT_NE(describe(text.error()).find("raise it with max_file_bytes"), std::string::npos) << describe(text.error());
}

TEST(Document, ParseDocumentsReadsJsonAndMultiDocumentYaml) {
  auto json_docs = parse_documents("{\"kind\": \"List\", \"items\": [1]}", "in.json");
  ASSERT_TRUE(json_docs);
  EXPECT_EQ(json_docs->size(), 1U);
  const auto broken = parse_documents("{\n\"kind\": }\n", "in.json");
  ASSERT_FALSE(broken);
  EXPECT_TRUE(describe(broken.error()).starts_with("in.json:2: invalid JSON")) << describe(broken.error());
  auto yaml_docs = parse_documents("a: 1\n---\nb: 2\n", "in.yaml");
  ASSERT_TRUE(yaml_docs);
  EXPECT_EQ(yaml_docs->size(), 2U);
}

TEST(Document, AJsonListSplitsIntoItemsWithTheirLines) {
  const std::string text =
      "{\"apiVersion\": \"v1\",\n\"items\": [\n{\"a\": 1},\n\n {\"b\": [2, {\"c\": \"}\"}]}\n],\n\"kind\": \"List\"}\n";
  const auto list = split_json_list(text);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->kind, "List");
  ASSERT_EQ(list->items.size(), 2U);
  EXPECT_EQ(list->items[0].text, "{\"a\": 1}");
  EXPECT_EQ(list->items[0].line, 3U);
  EXPECT_EQ(list->items[1].text, "{\"b\": [2, {\"c\": \"}\"}]}");
  EXPECT_EQ(list->items[1].line, 5U);
  // Each item parses alone, and its errors count lines from where it starts.
  auto broken = parse_json("{\n\"a\": tru}", "inv.json", 7);
  ASSERT_FALSE(broken);
  EXPECT_NE(describe(broken.error()).find("inv.json:8: invalid JSON"), std::string::npos) << describe(broken.error());
}

TEST(Document, WhatIsNotAWellFormedListIsLeftToTheWholeParse) {
  EXPECT_FALSE(split_json_list(""));
  EXPECT_FALSE(split_json_list("[1, 2]"));
  EXPECT_FALSE(split_json_list("{\"kind\": \"List\"}"));                    // no items
  EXPECT_FALSE(split_json_list("{\"kind\": \"List\", \"items\": {}}"));     // items not an array
  EXPECT_FALSE(split_json_list("{\"kind\": \"List\", \"items\": [1]}"));    // an item not an object
  EXPECT_FALSE(split_json_list("{\"kind\": \"List\", \"items\": []} {}"));  // trailing text
  EXPECT_FALSE(split_json_list("{\"kind\": \"List\", \"items\": [{}]"));    // cut off
  EXPECT_FALSE(split_json_list("kind: List\nitems: []\n"));                 // YAML
  const auto empty = split_json_list("{\"kind\": \"PodList\", \"items\": []}\n\n");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->kind, "PodList");
  EXPECT_TRUE(empty->items.empty());
}

}  // namespace
}  // namespace netobs
