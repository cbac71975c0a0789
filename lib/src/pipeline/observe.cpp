#include <fmt/format.h>

#include <netobs/edge_file.hpp>
#include <netobs/observe.hpp>
#include <netobs/option.hpp>

namespace netobs {

Result<Observed> observe(const ObserveOptions& options, const Inventory& inventory) {
  GraphOptions graph_options;
  for (const auto& text : options.cluster_cidrs) {
    auto cidr = parse_cidr(text);
    if (!cidr) {
      return make_error(ErrorKind::usage,
                        fmt::format("{} '{}' is not a CIDR range", spell(Option::cluster_cidr), text));
    }
    graph_options.cluster_cidrs.push_back(*cidr);
  }
  Observed observed;
  FlowAggregate aggregate;
  for (const auto& path : options.edge_files) {
    // Rows that an engine aggregated are flow records still: read them as a flow source, so
    // direction and identity are decided here as for the logs themselves.
    IngestOptions rows = options.ingest;
    rows.format = "edge-rows";
    // Part of the one collection below: its checkpoint is resumed and saved there, once, and its
    // denied connections are settled there with the rest.
    rows.collect.checkpoint.clear();
    rows.settle_denied = false;
    auto read = holds_edge_rows(path)
                    ? ingest_source(path, rows, inventory, aggregate, observed.summary)
                    : read_edge_file(path, aggregate, observed.summary, options.ingest.since, options.ingest.until);
    if (!read) return tl::unexpected(read.error());
  }
  if (auto read = ingest_sources(options.sources, options.ingest, inventory, aggregate, observed.summary); !read) {
    return tl::unexpected(read.error());
  }
  observed.graph = build_graph(aggregate, inventory, graph_options);
  return observed;
}

}  // namespace netobs
