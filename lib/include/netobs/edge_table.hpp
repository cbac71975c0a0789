// An open-addressing hash table from EdgeKey to EdgeCounters. Ingest looks an edge up for every
// record; keeping keys and counters in one flat array (and a compact array of hash tags to probe)
// costs one or two cache misses per lookup where a node-based map costs three or more.
#pragma once

#include <cstdint>
#include <iterator>
#include <utility>
#include <vector>

#include <netobs/edge.hpp>

namespace netobs {

class EdgeTable {
 public:
  using value_type = std::pair<EdgeKey, EdgeCounters>;

  template <typename Slot>
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = EdgeTable::value_type;
    using difference_type = std::ptrdiff_t;
    using pointer = Slot*;
    using reference = Slot&;

    Iterator(const std::vector<std::uint32_t>* tags, Slot* slots, std::size_t index)
        : m_tags(tags), m_slots(slots), m_index(index) {
      skip();
    }
    reference operator*() const { return m_slots[m_index]; }
    pointer operator->() const { return &m_slots[m_index]; }
    Iterator& operator++() {
      ++m_index;
      skip();
      return *this;
    }
    bool operator==(const Iterator& other) const { return m_index == other.m_index; }

   private:
    void skip() {
      while (m_index < m_tags->size() && (*m_tags)[m_index] == 0) ++m_index;
    }
    const std::vector<std::uint32_t>* m_tags;
    Slot* m_slots;
    std::size_t m_index;
  };
  using iterator = Iterator<value_type>;
  using const_iterator = Iterator<const value_type>;

  // The counters of `key`, inserted zeroed when absent. The reference stays valid until the next
  // insertion of a new key.
  EdgeCounters& operator[](const EdgeKey& key);

  std::size_t size() const { return m_size; }
  bool empty() const { return m_size == 0; }
  iterator begin() { return {&m_tags, m_slots.data(), 0}; }
  iterator end() { return {&m_tags, m_slots.data(), m_tags.size()}; }
  const_iterator begin() const { return {&m_tags, m_slots.data(), 0}; }
  const_iterator end() const { return {&m_tags, m_slots.data(), m_tags.size()}; }

 private:
  void grow();

  std::vector<std::uint32_t> m_tags;  // 0 = empty, else the key's hash with the top bit set
  std::vector<value_type> m_slots;
  std::size_t m_size = 0;
};

}  // namespace netobs
