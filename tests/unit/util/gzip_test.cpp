#include "util/gzip.hpp"

#include <string>

#include <gtest/gtest.h>
#include <zlib.h>

namespace netobs {
namespace {

// `text` as one gzip member, written by zlib's deflate.
std::string gzipped(const std::string& text) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(compressBound(static_cast<uLong>(text.size())) + 64, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

TEST(GzipInflater, RecognisesTheMagicBytes) {
  EXPECT_TRUE(GzipInflater::starts_gzip(gzipped("x")));
  EXPECT_FALSE(GzipInflater::starts_gzip("{\"flow\":1}"));
  EXPECT_FALSE(GzipInflater::starts_gzip("\x1f"));
}

TEST(GzipInflater, ReadsMultiMemberStreamsAsOne) {
  GzipInflater inflater;
  std::string out;
  ASSERT_TRUE(inflater.inflate_all(gzipped("first line\n") + gzipped("second line\n"), out));
  EXPECT_EQ(out, "first line\nsecond line\n");
  EXPECT_TRUE(inflater.between_members());
}

TEST(GzipInflater, InputInSmallPiecesGivesTheSameText) {
  const std::string whole = gzipped(std::string(10000, 'a') + "\n");
  GzipInflater inflater;
  std::string out;
  for (std::size_t at = 0; at < whole.size(); at += 7) ASSERT_TRUE(inflater.inflate_all(whole.substr(at, 7), out));
  EXPECT_EQ(out, std::string(10000, 'a') + "\n");
}

TEST(GzipInflater, ATruncatedStreamIsInsideAMember) {
  const std::string whole = gzipped("some text that is cut off\n");
  GzipInflater inflater;
  std::string out;
  ASSERT_TRUE(inflater.inflate_all(whole.substr(0, whole.size() / 2), out));
  EXPECT_FALSE(inflater.between_members());
}

TEST(GzipInflater, CorruptDataFailsWithAReason) {
  std::string broken = gzipped("payload\n");
  broken[12] = static_cast<char>(broken[12] ^ 0xff);
  broken[13] = static_cast<char>(broken[13] ^ 0xff);
  GzipInflater inflater;
  std::string out;
  EXPECT_FALSE(inflater.inflate_all(broken, out));
  EXPECT_NE(std::string(inflater.reason()), "");
}

TEST(GzipInflater, BoundedOutputLeavesTheRestOfTheInput) {
  std::string_view input;
  const std::string whole = gzipped(std::string(5000, 'b'));
  input = whole;
  GzipInflater inflater;
  char out[100];
  std::size_t produced = 0;
  ASSERT_TRUE(inflater.inflate(input, out, sizeof out, produced));
  EXPECT_EQ(produced, sizeof out);
  EXPECT_FALSE(input.empty() && inflater.between_members());
}

}  // namespace
}  // namespace netobs
