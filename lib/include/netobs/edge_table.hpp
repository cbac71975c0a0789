// A hash table from EdgeKey to EdgeCounters. Ingest looks an edge up for every record, and a
// table holds one entry per distinct edge for the whole run, so it is built for both:
// - the entries sit densely in fixed-size chunks, in insertion order: memory is the entries
//   themselves, growing never copies them, and a reference to one stays valid;
// - a flat index of (hash tag, entry number) pairs is probed, one cache line per lookup, and is
//   the only thing rebuilt when the table grows.
#pragma once

#include <cstdint>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

#include <netobs/edge.hpp>

namespace netobs {

class EdgeTable {
 public:
  using value_type = std::pair<EdgeKey, EdgeCounters>;

  template <typename Table, typename Slot>
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = EdgeTable::value_type;
    using difference_type = std::ptrdiff_t;
    using pointer = Slot*;
    using reference = Slot&;

    Iterator(Table* table, std::size_t index) : m_table(table), m_index(index) {}
    reference operator*() const { return m_table->entry(m_index); }
    pointer operator->() const { return &m_table->entry(m_index); }
    Iterator& operator++() {
      ++m_index;
      return *this;
    }
    bool operator==(const Iterator& other) const { return m_index == other.m_index; }

   private:
    Table* m_table;
    std::size_t m_index;
  };
  using iterator = Iterator<EdgeTable, value_type>;
  using const_iterator = Iterator<const EdgeTable, const value_type>;

  EdgeTable() = default;
  EdgeTable(EdgeTable&&) noexcept = default;
  EdgeTable& operator=(EdgeTable&&) noexcept = default;
  EdgeTable(const EdgeTable& other);
  EdgeTable& operator=(const EdgeTable& other);

  // The counters of `key`, inserted zeroed when absent. The reference stays valid as long as the
  // table does.
  EdgeCounters& operator[](const EdgeKey& key);

  std::size_t size() const { return m_size; }
  bool empty() const { return m_size == 0; }
  // In the order the keys were first inserted.
  iterator begin() { return {this, 0}; }
  iterator end() { return {this, m_size}; }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, m_size}; }

 private:
  static constexpr std::size_t k_chunk_bits = 10;
  static constexpr std::size_t k_chunk = std::size_t{1} << k_chunk_bits;

  value_type& entry(std::size_t i) { return m_chunks[i >> k_chunk_bits][i & (k_chunk - 1)]; }
  const value_type& entry(std::size_t i) const { return m_chunks[i >> k_chunk_bits][i & (k_chunk - 1)]; }
  void grow_index();

  std::vector<std::unique_ptr<value_type[]>> m_chunks;
  std::vector<std::uint64_t> m_index;  // 0 = empty, else tag << 32 | (entry number + 1)
  std::size_t m_size = 0;
};

}  // namespace netobs
