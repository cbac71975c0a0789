// Helpers for ingest tests: read inline records through the public ingest_source.
#pragma once

#include <string>

#include <netobs/ingest.hpp>

#include "testutil/temp_dir.hpp"

namespace netobs {

struct Ingested {
  Result<void> status;
  FlowAggregate aggregate;
  IngestSummary summary;

  // The stats of the edge client -> server:port/protocol (any identities), summed.
  EdgeStats edge(const std::string& client, const std::string& server, std::uint16_t port,
                 Protocol protocol = Protocol::tcp) const;
  std::size_t edge_count() const { return aggregate.edges.size(); }
};

Ingested ingest_text(const std::string& content, const IngestOptions& options = {},
                     const Inventory& inventory = Inventory{}, const std::string& name = "flows.log");

}  // namespace netobs
