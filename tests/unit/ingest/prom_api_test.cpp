// Answers of the Prometheus HTTP API, as --prometheus reads them.
#include "ingest/prom_api.hpp"

#include <gtest/gtest.h>

namespace netobs {
namespace {

TEST(PromApi, AnInstantVectorBecomesPrometheusText) {
  const std::string body = R"({"status":"success","data":{"resultType":"vector","result":[)"
                           R"({"metric":{"protocol":"TCP","port":"8080","source_namespace":"ui","odd":"a \"b\"\n\\c",)"
                           R"("empty":"","bad key":"x","__name__":"m"},"value":[1764000000.5,"12.5"]},)"
                           R"({"metric":{},"value":[1764000001,"1"]}]}})";
  std::string text;
  const PromApiAnswer answer = read_vector_answer(body, "hubble_port_distribution_total", text);
  ASSERT_TRUE(answer.ok) << answer.problem;
  EXPECT_EQ(text,
            "hubble_port_distribution_total{protocol=\"TCP\",port=\"8080\",source_namespace=\"ui\","
            "odd=\"a \\\"b\\\"\\n\\\\c\"} 12.5 1764000000500\n"
            "hubble_port_distribution_total{} 1 1764000001000\n");
}

TEST(PromApi, ErrorsAndOtherShapesSaySo) {
  std::string text = "kept\n";
  auto samples = read_vector_answer(
      R"({"status":"error","errorType":"execution","error":"query processing would load too many samples into memory in query execution"})",
      "m", text);
  EXPECT_FALSE(samples.ok);
  EXPECT_TRUE(samples.too_many_samples);
  EXPECT_EQ(samples.problem,
            "the query failed: execution: query processing would load too many samples into memory in query execution");
  auto bad = read_vector_answer(R"({"status":"error","errorType":"bad_data","error":"parse error"})", "m", text);
  EXPECT_FALSE(bad.too_many_samples);
  EXPECT_EQ(read_vector_answer("<html>502</html>", "m", text).problem, "the answer is not Prometheus API JSON");
  EXPECT_EQ(read_vector_answer(R"({"status":"success","data":{"resultType":"matrix","result":[]}})", "m", text).problem,
            "the answer is not an instant vector");
  EXPECT_EQ(read_vector_answer(R"({"status":"success","data":{"resultType":"vector","result":[)"
                               R"({"metric":{"a":"1"},"value":[1,"2"]},{"metric":{}}]}})",
                               "m", text)
                .problem,
            "a result without its metric or value");
  EXPECT_EQ(text, "kept\n");  // a bad answer adds nothing
}

TEST(PromApi, LabelValues) {
  std::vector<std::string> values;
  ASSERT_TRUE(read_label_values_answer(R"({"status":"success","data":["carts","","ui"]})", values).ok);
  EXPECT_EQ(values, (std::vector<std::string>{"carts", "ui"}));
  EXPECT_EQ(read_label_values_answer(R"({"status":"success","data":{}})", values).problem,
            "the label's values are not a list");
  EXPECT_EQ(prom_label_literal("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
}

}  // namespace
}  // namespace netobs
