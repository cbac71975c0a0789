// Format detection from several records, and what is plainly not flow records.
#include <gtest/gtest.h>

#include "ingest/formats.hpp"
#include "ingest/source_content.hpp"

namespace netobs {
namespace {

constexpr const char* k_hubble_line =
    R"({"flow":{"time":"2025-11-24T16:00:00Z","verdict":"FORWARDED","IP":{"source":"10.0.1.21","destination":"10.0.2.31"}}})";
constexpr const char* k_vpc_line =
    "2 123456789012 eni-0a1b 10.0.1.21 10.0.2.31 53797 8080 6 10 840 1732464000 1732464060 ACCEPT OK";

std::string lines(std::initializer_list<std::string> text) {
  std::string out;
  for (const auto& line : text) out += line + "\n";
  return out;
}

TEST(FormatDetection, ABannerAheadOfTheRecordsIsAPreambleNotTheFormat) {
  const std::string head = lines({R"(Defaulted container "aws-node" out of: aws-node, aws-eks-nodeagent)",
                                  k_hubble_line, k_hubble_line, k_hubble_line});
  const FormatDetection detected = detect_flow_format(head, true);
  EXPECT_EQ(detected.format->name, "hubble");
  EXPECT_EQ(detected.preamble_lines, 1U);
  EXPECT_TRUE(detected.voted);
}

TEST(FormatDetection, TheMajorityOfTheFirstLinesDecides) {
  const std::string head = lines({k_hubble_line, k_vpc_line, k_vpc_line, k_vpc_line});
  const FormatDetection detected = detect_flow_format(head, true);
  EXPECT_EQ(detected.format->name, "vpc");
  EXPECT_EQ(detected.preamble_lines, 1U);
}

TEST(FormatDetection, TextWithoutAnyRecordFallsBackToVpcWithoutAVote) {
  const FormatDetection detected = detect_flow_format(lines({"hello", "world"}), true);
  EXPECT_EQ(detected.format->name, "vpc");
  EXPECT_FALSE(detected.voted);
}

TEST(FormatDetection, AnAgentsOtherJsonLinesDoNotOutvoteItsRecords) {
  const std::string head = lines({"Publishing report", R"({"report_version":"1.1","network_stats":[]})",
                                  R"({"level":"info","msg":"not a report"})", "{broken"});
  const FormatDetection detected = detect_flow_format(head, true);
  EXPECT_EQ(detected.format->name, "nfm");
  EXPECT_EQ(detected.preamble_lines, 1U);
}

TEST(FormatDetection, JsonWithoutAnyRecordFallsBackToTheJsonReader) {
  const FormatDetection detected = detect_flow_format(lines({R"({"level":"info"})", "{broken"}), true);
  EXPECT_EQ(detected.format->name, "hubble");
  EXPECT_FALSE(detected.voted);
}

TEST(FormatDetection, ALastLineCutOffByThePeekDoesNotVote) {
  const std::string head = lines({k_vpc_line}) + "{\"flow\":{";
  EXPECT_EQ(detect_flow_format(head, false).format->name, "vpc");
}

TEST(SourceContent, KubernetesListsAreInventories) {
  EXPECT_EQ(classify_source("{\n  \"apiVersion\": \"v1\",\n  \"items\": [\n", "c.json", false).kind,
            ContentKind::kubernetes_list);
  EXPECT_EQ(classify_source("apiVersion: v1\nitems:\n- apiVersion: v1\n", "c.yaml", false).kind,
            ContentKind::kubernetes_list);
  EXPECT_EQ(classify_source(R"({"apiVersion":"v1","kind":"List","items":[]})", "c.json", true).kind,
            ContentKind::kubernetes_list);
}

TEST(SourceContent, ManifestsMarkdownBinariesAndPrettyJsonAreNotFlows) {
  EXPECT_EQ(
      classify_source("---\n# a policy\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n", "np.yaml", false)
          .what,
      "a Kubernetes manifest (YAML)");
  EXPECT_EQ(classify_source("# Test data\n\nThese flows ...\n", "README", false).what, "a Markdown document");
  EXPECT_EQ(classify_source("anything\n", "notes.md", true).what, "a Markdown document");
  EXPECT_EQ(classify_source(std::string_view("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "x.png", false).what, "binary data");
  EXPECT_EQ(classify_source("{\n  \"flow\": {\n", "pretty.json", false).kind, ContentKind::not_flows);
}

TEST(SourceContent, NoByteAtAllIsEmptyNotFlows) {
  EXPECT_EQ(classify_source("", "<stdin>", false).kind, ContentKind::empty);
  EXPECT_EQ(classify_source("\n", "blank.log", false).kind, ContentKind::flows);
}

TEST(SourceContent, FlowRecordsAndPrometheusCommentsAreFlows) {
  EXPECT_EQ(classify_source(lines({k_hubble_line}), "f.jsonl", true).kind, ContentKind::flows);
  EXPECT_EQ(classify_source(lines({k_vpc_line}), "f.log", true).kind, ContentKind::flows);
  EXPECT_EQ(classify_source("# HELP hubble_port_distribution_total x\n", "metrics.txt", true).kind, ContentKind::flows);
}

}  // namespace
}  // namespace netobs
