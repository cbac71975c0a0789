// The one place text reaches the terminal: netobs's standard output and error pass through an
// escaping stream buffer, so control characters that inputs carry (file names, record text in
// messages, names and labels in summaries, a policy's name in a text report) are shown as
// escapes, never obeyed. JSON and YAML escape control characters themselves, so their output
// passes unchanged.
#pragma once

#include <iosfwd>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

#include <netobs/terminal_text.hpp>

namespace netobs::cli {

// Writes to `target` what it is given, control characters escaped; unbuffered, like std::cerr.
class EscapingStreambuf : public std::streambuf {
 public:
  explicit EscapingStreambuf(std::streambuf* target) : m_target(target) {}
  EscapingStreambuf(const EscapingStreambuf&) = delete;
  EscapingStreambuf& operator=(const EscapingStreambuf&) = delete;
  ~EscapingStreambuf() override;

  // Writes `control` unescaped, after what was written before: only for netobs's own cursor
  // controls (the progress line), never for text from an input.
  void write_control(std::string_view control);

 protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char* text, std::streamsize size) override;
  int sync() override;

 private:
  bool put(std::string_view text);

  std::streambuf* m_target;
  ControlEscaper m_escaper;
  std::string m_escaped;  // reused between writes
};

// Routes std::cout and std::cerr through an EscapingStreambuf while it lives (main() holds one).
class TerminalEscaping {
 public:
  TerminalEscaping();
  ~TerminalEscaping();
  TerminalEscaping(const TerminalEscaping&) = delete;
  TerminalEscaping& operator=(const TerminalEscaping&) = delete;

 private:
  std::streambuf* m_out_target;
  std::streambuf* m_err_target;
  EscapingStreambuf m_out;
  EscapingStreambuf m_err;
};

// Writes netobs's own cursor controls (`\r`, `ESC[K`) to `err` unescaped when it escapes, else as
// they are (a stream in a test).
void write_terminal_control(std::ostream& err, std::string_view control);

}  // namespace netobs::cli
