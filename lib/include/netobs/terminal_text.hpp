// Text from inputs shown to a person: file names, record text in messages, namespace, pod and
// label names. Inputs come from untrusted pull requests, and a raw ESC, CR or BEL in them would
// let a file move the cursor, retitle the terminal or hide a line behind a carriage return, so
// control characters are written as escapes. Newline and tab are layout, and stay.
#pragma once

#include <string>
#include <string_view>

namespace netobs {

// Escapes a text that arrives in pieces (a stream's writes): a UTF-8 lead byte at the end of one
// piece waits for the next, so a C1 control split between two writes is still caught.
class ControlEscaper {
 public:
  // Appends `text` to `out`: C0 controls but tab and newline as `\r`, `\x1b`, ...; DEL as `\x7f`;
  // the C1 controls U+0080..U+009F (UTF-8 C2 80..C2 9F, which terminals obey as ESC sequences)
  // as `\u009b`, ... Every other byte, invalid UTF-8 included, is copied.
  void escape(std::string_view text, std::string& out);
  // Appends the byte still waiting for its continuation, if any.
  void finish(std::string& out);

 private:
  bool m_pending_lead = false;  // a 0xC2 ended the last piece
};

// `text` with its control characters escaped as ControlEscaper does.
std::string escape_control_characters(std::string_view text);

}  // namespace netobs
