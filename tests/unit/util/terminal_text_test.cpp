#include <gtest/gtest.h>

#include <netobs/terminal_text.hpp>

namespace netobs {
namespace {

TEST(TerminalText, EscapesC0ControlsButKeepsNewlineAndTab) {
  EXPECT_EQ(escape_control_characters("a\x1b[2Jb"), "a\\x1b[2Jb");
  EXPECT_EQ(escape_control_characters("ok\rforged"), "ok\\rforged");
  EXPECT_EQ(escape_control_characters("bell\a"), "bell\\x07");
  EXPECT_EQ(escape_control_characters("del\x7f"), "del\\x7f");
  EXPECT_EQ(escape_control_characters("line\n\tindented"), "line\n\tindented");
}

TEST(TerminalText, EscapesC1ControlsInUtf8AndKeepsOtherText) {
  EXPECT_EQ(escape_control_characters("csi\xc2\x9b"
                                      "31m"),
            "csi\\u009b31m");
  EXPECT_EQ(escape_control_characters("caf\xc3\xa9 \xc2\xa0nbsp"), "caf\xc3\xa9 \xc2\xa0nbsp");
  EXPECT_EQ(escape_control_characters("lone \xc2"), "lone \xc2");
}

TEST(TerminalText, CatchesAC1ControlSplitBetweenWrites) {
  ControlEscaper escaper;
  std::string out;
  escaper.escape("a\xc2", out);
  escaper.escape(
      "\x9b"
      "b",
      out);
  escaper.escape("\xc2", out);
  escaper.escape("\xa9", out);
  escaper.finish(out);
  EXPECT_EQ(out, "a\\u009bb\xc2\xa9");
}

}  // namespace
}  // namespace netobs
