#include <gtest/gtest.h>

#include <netobs/error.hpp>

namespace netobs {
namespace {

TEST(Error, DescribeComposesFileLineAndColumnBeforeTheMessage) {
  EXPECT_EQ(describe(Error{ErrorKind::invalid_input, "bad port", SourceLocation{"flows.log", 12, 7}}),
            "flows.log:12:7: bad port");
  EXPECT_EQ(describe(Error{ErrorKind::invalid_input, "bad port", SourceLocation{"flows.log", 12}}),
            "flows.log:12: bad port");
  EXPECT_EQ(describe(Error{ErrorKind::io, "cannot read", SourceLocation{"flows.log"}}), "flows.log: cannot read");
}

TEST(Error, AUrlNamesThePlaceInsteadOfAFile) {
  const Error error{ErrorKind::tls, "TLS failure: unknown CA", SourceLocation::at_url("https://10.0.0.1:6443/api")};
  EXPECT_EQ(describe(error), "https://10.0.0.1:6443/api: TLS failure: unknown CA");
  EXPECT_EQ(format_location(error.where), "https://10.0.0.1:6443/api");
}

TEST(Error, WithoutALocationTheMessageStandsAlone) {
  // make_error(kind, message) keeps working for messages that still name their place themselves.
  const auto error = make_error(ErrorKind::usage, "x.yaml:3: something");
  EXPECT_TRUE(error.value().where.empty());
  EXPECT_EQ(describe(error.value()), "x.yaml:3: something");
}

TEST(Error, MakeErrorWithALocationKeepsItAsFields) {
  const auto error = make_error(ErrorKind::limit, SourceLocation{"big.json", 4, 2}, "nested too deep");
  EXPECT_EQ(error.value().kind, ErrorKind::limit);
  EXPECT_EQ(error.value().where.file, "big.json");
  EXPECT_EQ(error.value().where.line, 4U);
  EXPECT_EQ(error.value().where.column, 2U);
  EXPECT_EQ(error.value().message, "nested too deep");
}

}  // namespace
}  // namespace netobs
