// A line diff (longest common subsequence) printed as unified hunks, as `diff -u` and
// `kubectl diff` show them. Policies are small; past a bound the whole text is replaced, so the
// work stays bounded whatever the input.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <netobs/diff.hpp>

namespace netobs {
namespace {

constexpr std::size_t k_context = 3;
constexpr std::size_t k_max_cells = 16U << 20;  // LCS table cells

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

struct Op {
  char kind;      // ' ', '-', '+'
  std::size_t a;  // line index in before (for ' ' and '-')
  std::size_t b;  // line index in after (for ' ' and '+')
};

std::vector<Op> edit_script(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<Op> ops;
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  if ((n + 1) * (m + 1) > k_max_cells) {
    for (std::size_t i = 0; i < n; ++i) ops.push_back({'-', i, 0});
    for (std::size_t j = 0; j < m; ++j) ops.push_back({'+', n, j});
    return ops;
  }
  std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      at(i, j) = a[i] == b[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      ops.push_back({' ', i++, j++});
    } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
      ops.push_back({'-', i++, j});  // removals before additions, as diff -u prints them
    } else {
      ops.push_back({'+', i, j++});
    }
  }
  return ops;
}

std::string range(std::size_t start, std::size_t count) {
  // diff -u: a hunk of no lines is numbered by the line before it.
  if (count == 0) return fmt::format("{},0", start);
  if (count == 1) return fmt::format("{}", start + 1);
  return fmt::format("{},{}", start + 1, count);
}

}  // namespace

std::string unified_diff(const std::string& before, const std::string& after, const std::string& before_name,
                         const std::string& after_name) {
  if (before == after) return {};
  const auto a = split_lines(before);
  const auto b = split_lines(after);
  const std::vector<Op> ops = edit_script(a, b);
  std::string out = fmt::format("--- {}\n+++ {}\n", before_name, after_name);
  std::size_t k = 0;
  while (k < ops.size()) {
    // The next change, with its context before and after; changes closer than twice the context
    // share a hunk.
    std::size_t first = k;
    while (first < ops.size() && ops[first].kind == ' ') ++first;
    if (first == ops.size()) break;
    std::size_t start = first >= k_context ? std::max(k, first - k_context) : k;
    std::size_t end = first;
    while (true) {
      while (end < ops.size() && ops[end].kind != ' ') ++end;
      std::size_t same = end;
      while (same < ops.size() && ops[same].kind == ' ') ++same;
      if (same < ops.size() && same - end <= 2 * k_context) {
        end = same;
        continue;
      }
      end = std::min(same, end + k_context);
      break;
    }
    std::size_t a_start = ops[start].a;
    std::size_t b_start = ops[start].b;
    std::size_t a_count = 0;
    std::size_t b_count = 0;
    std::string body;
    for (std::size_t x = start; x < end; ++x) {
      const Op& op = ops[x];
      const std::string& line = op.kind == '+' ? b[op.b] : a[op.a];
      if (op.kind != '+') ++a_count;
      if (op.kind != '-') ++b_count;
      body += op.kind;
      body += line;
      body += '\n';
    }
    out += fmt::format("@@ -{} +{} @@\n", range(a_start, a_count), range(b_start, b_count));
    out += body;
    k = end;
  }
  return out;
}

}  // namespace netobs
