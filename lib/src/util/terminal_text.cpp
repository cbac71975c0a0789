#include <fmt/format.h>

#include <netobs/terminal_text.hpp>

namespace netobs {
namespace {

constexpr unsigned char k_c1_lead = 0xC2;  // UTF-8 of U+0080..U+00BF: C2 80..C2 BF

bool is_c0_control(unsigned char c) { return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F; }
bool is_c1_continuation(unsigned char c) { return c >= 0x80 && c <= 0x9F; }

void append_c0(unsigned char c, std::string& out) {
  if (c == '\r') {
    out += "\\r";
  } else {
    out += fmt::format("\\x{:02x}", c);
  }
}

}  // namespace

void ControlEscaper::escape(std::string_view text, std::string& out) {
  out.reserve(out.size() + text.size());
  std::size_t i = 0;
  if (m_pending_lead) {
    m_pending_lead = false;
    if (!text.empty() && is_c1_continuation(static_cast<unsigned char>(text[0]))) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[0]));
      i = 1;
    } else {
      out += static_cast<char>(k_c1_lead);
    }
  }
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (is_c0_control(c)) {
      append_c0(c, out);
    } else if (c == k_c1_lead && i + 1 == text.size()) {
      m_pending_lead = true;
    } else if (c == k_c1_lead && is_c1_continuation(static_cast<unsigned char>(text[i + 1]))) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[i + 1]));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
}

void ControlEscaper::finish(std::string& out) {
  if (m_pending_lead) out += static_cast<char>(k_c1_lead);
  m_pending_lead = false;
}

std::string escape_control_characters(std::string_view text) {
  std::string out;
  ControlEscaper escaper;
  escaper.escape(text, out);
  escaper.finish(out);
  return out;
}

}  // namespace netobs
