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

NoteFilterStreambuf::~NoteFilterStreambuf() {
  if (!m_line.empty()) end_line();
  m_target->pubsync();
}

void NoteFilterStreambuf::end_line() {
  // "netobs CMD: note: ...": the command's name is one word.
  const auto colon = m_line.find(": ");
  const bool note = m_line.starts_with("netobs ") && colon != std::string::npos &&
                    std::string_view(m_line).substr(colon + 2).starts_with("note: ");
  if (!note) m_target->sputn(m_line.data(), static_cast<std::streamsize>(m_line.size()));
  m_line.clear();
}

NoteFilterStreambuf::int_type NoteFilterStreambuf::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  const char c = traits_type::to_char_type(ch);
  m_line.push_back(c);
  if (c == '\n') end_line();
  return ch;
}

std::streamsize NoteFilterStreambuf::xsputn(const char* text, std::streamsize size) {
  for (std::streamsize i = 0; i < size; ++i) overflow(traits_type::to_int_type(text[i]));
  return size;
}

int NoteFilterStreambuf::sync() { return m_target->pubsync(); }

CommandErr::CommandErr(std::ostream& err, bool quiet)
    : m_err(err), m_quiet(quiet), m_filter(err.rdbuf()), m_filtered(&m_filter) {}

CommandErr::~CommandErr() { m_filtered.flush(); }

void write_terminal_control(std::ostream& err, std::string_view control) {
  if (auto* escaping = dynamic_cast<EscapingStreambuf*>(err.rdbuf())) {
    err.flush();
    escaping->write_control(control);
  } else {
    err << control;
  }
}

}  // namespace netobs::cli
