#include <netobs/edge_table.hpp>

namespace netobs {
namespace {
constexpr std::uint32_t k_occupied = 0x80000000U;

std::uint32_t tag_of(const EdgeKey& key) {
  return static_cast<std::uint32_t>(EdgeKeyHash{}(key) >> 16) | k_occupied;
}
}  // namespace

EdgeCounters& EdgeTable::operator[](const EdgeKey& key) {
  // Grow at 50% load so probe runs stay short.
  if ((m_size + 1) * 2 > m_tags.size()) grow();
  const std::uint32_t tag = tag_of(key);
  const std::size_t mask = m_tags.size() - 1;
  for (std::size_t i = tag & mask;; i = (i + 1) & mask) {
    if (m_tags[i] == 0) {
      m_tags[i] = tag;
      m_slots[i].first = key;
      ++m_size;
      return m_slots[i].second;
    }
    if (m_tags[i] == tag && m_slots[i].first == key) return m_slots[i].second;
  }
}

void EdgeTable::grow() {
  std::vector<std::uint32_t> tags(m_tags.empty() ? 1024 : m_tags.size() * 2, 0);
  std::vector<value_type> slots(tags.size());
  const std::size_t mask = tags.size() - 1;
  for (std::size_t j = 0; j < m_tags.size(); ++j) {
    if (m_tags[j] == 0) continue;
    std::size_t i = m_tags[j] & mask;
    while (tags[i] != 0) i = (i + 1) & mask;
    tags[i] = m_tags[j];
    slots[i] = std::move(m_slots[j]);
  }
  m_tags = std::move(tags);
  m_slots = std::move(slots);
}

}  // namespace netobs
