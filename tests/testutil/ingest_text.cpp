#include "testutil/ingest_text.hpp"

namespace netobs {

EdgeStats Ingested::edge(const std::string& client, const std::string& server, std::uint16_t port,
                         Protocol protocol) const {
  EdgeStats total;
  for (const auto& [key, counters] : aggregate.edges) {
    const EdgeStats stats = counters.total();
    if (to_string(key.client) == client && to_string(key.server) == server && key.port == port &&
        key.protocol == protocol) {
      total.merge(stats);
    }
  }
  return total;
}

Ingested ingest_text(const std::string& content, const IngestOptions& options, const Inventory& inventory,
                     const std::string& name) {
  testing::TempDir dir;
  const std::string path = dir.write(name, content);
  Ingested out;
  out.status = ingest_source(path, options, inventory, out.aggregate, out.summary);
  return out;
}

}  // namespace netobs
