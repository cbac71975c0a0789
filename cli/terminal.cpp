#include "terminal.hpp"

#include <iostream>

namespace netobs::cli {

EscapingStreambuf::~EscapingStreambuf() {
  m_escaped.clear();
  m_escaper.finish(m_escaped);
  if (!m_escaped.empty()) m_target->sputn(m_escaped.data(), static_cast<std::streamsize>(m_escaped.size()));
  m_target->pubsync();
}

bool EscapingStreambuf::put(std::string_view text) {
  m_escaped.clear();
  m_escaper.escape(text, m_escaped);
  const auto size = static_cast<std::streamsize>(m_escaped.size());
  return m_target->sputn(m_escaped.data(), size) == size;
}

EscapingStreambuf::int_type EscapingStreambuf::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  const char c = traits_type::to_char_type(ch);
  return put(std::string_view(&c, 1)) ? ch : traits_type::eof();
}

std::streamsize EscapingStreambuf::xsputn(const char* text, std::streamsize size) {
  return put(std::string_view(text, static_cast<std::size_t>(size))) ? size : 0;
}

int EscapingStreambuf::sync() { return m_target->pubsync(); }

void EscapingStreambuf::write_control(std::string_view control) {
  m_target->sputn(control.data(), static_cast<std::streamsize>(control.size()));
  m_target->pubsync();
}

TerminalEscaping::TerminalEscaping()
    : m_out_target(std::cout.rdbuf()), m_err_target(std::cerr.rdbuf()), m_out(m_out_target), m_err(m_err_target) {
  std::cout.rdbuf(&m_out);
  std::cerr.rdbuf(&m_err);
}

TerminalEscaping::~TerminalEscaping() {
  std::cout.flush();
  std::cerr.flush();
  std::cout.rdbuf(m_out_target);
  std::cerr.rdbuf(m_err_target);
}

void write_terminal_control(std::ostream& err, std::string_view control) {
  if (auto* escaping = dynamic_cast<EscapingStreambuf*>(err.rdbuf())) {
    err.flush();
    escaping->write_control(control);
  } else {
    err << control;
  }
}

}  // namespace netobs::cli
