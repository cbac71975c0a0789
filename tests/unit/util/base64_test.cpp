#include "util/base64.hpp"

#include <gtest/gtest.h>

namespace netobs {
namespace {

TEST(Base64, DecodesWithAndWithoutPaddingIgnoringWhitespace) {
  EXPECT_EQ(base64_decode("aGVsbG8="), "hello");
  EXPECT_EQ(base64_decode("aGVsbG8"), "hello");
  EXPECT_EQ(base64_decode("aGVs\nbG8h"), "hello!");
  EXPECT_EQ(base64_decode(""), "");
}

TEST(Base64, RejectsOtherCharactersAndDataAfterPadding) {
  EXPECT_FALSE(base64_decode("aGVsbG8*"));
  EXPECT_FALSE(base64_decode("aG=Vs"));
}

}  // namespace
}  // namespace netobs
