#include <netobs/edge_table.hpp>

namespace netobs {
namespace {

std::uint32_t tag_of(const EdgeKey& key) { return static_cast<std::uint32_t>(EdgeKeyHash{}(key) >> 16); }

}  // namespace

EdgeTable::EdgeTable(const EdgeTable& other) {
  for (const auto& [key, counters] : other) (*this)[key] = counters;
}

EdgeTable& EdgeTable::operator=(const EdgeTable& other) {
  if (this != &other) {
    EdgeTable copy(other);
    *this = std::move(copy);
  }
  return *this;
}

EdgeCounters& EdgeTable::operator[](const EdgeKey& key) {
  // The index grows at 50% load so probe runs stay short; it is 8 bytes a slot, the entries 136.
  if ((m_size + 1) * 2 > m_index.size()) grow_index();
  const std::uint64_t tag = tag_of(key);
  const std::size_t mask = m_index.size() - 1;
  for (std::size_t i = tag & mask;; i = (i + 1) & mask) {
    const std::uint64_t slot = m_index[i];
    if (slot == 0) {
      if ((m_size & (k_chunk - 1)) == 0) m_chunks.push_back(std::make_unique<value_type[]>(k_chunk));
      value_type& added = entry(m_size);
      added.first = key;
      ++m_size;
      m_index[i] = tag << 32 | m_size;
      return added.second;
    }
    if ((slot >> 32) == tag) {
      value_type& found = entry((slot & 0xffffffffU) - 1);
      if (found.first == key) return found.second;
    }
  }
}

void EdgeTable::grow_index() {
  std::vector<std::uint64_t> index(m_index.empty() ? 64 : m_index.size() * 2, 0);
  const std::size_t mask = index.size() - 1;
  for (const std::uint64_t slot : m_index) {
    if (slot == 0) continue;
    std::size_t i = (slot >> 32) & mask;
    while (index[i] != 0) i = (i + 1) & mask;
    index[i] = slot;
  }
  m_index = std::move(index);
}

}  // namespace netobs
