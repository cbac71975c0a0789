// The options the library's messages refer to ("raise it with ...", "give ... with the range"),
// named without spelling them. netobs has more than one front end: the command line spells an
// option as a flag (--max-depth), a tool server as a JSON argument (max_depth). The library names
// the option; the front end that runs it says how it is written, once, at start.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace netobs {

enum class Option {
  agent_retry_for,
  agent_token_file,
  aggregate_aws,
  all_namespaces,
  apiserver_cidr,
  aws_ip_ranges,
  cluster_cidr,
  context,
  default_deny,
  dns,
  dns_ip,
  dns_selector,
  duration,
  edges,
  egress_names,
  engine,
  exclude_namespace,
  fail_on,
  flows,
  follow,
  format,
  from_cluster,
  input_format,
  inventory,
  kubeconfig,
  list_rules,
  log_format,
  max_alias_nodes,
  max_depth,
  max_documents,
  max_file_bytes,
  max_flows,
  max_line_bytes,
  max_nodes,
  namespaces,
  prometheus,
  prometheus_token_file,
  prune,
  since,
  table,
  until,
  vpc_format,
  vpc_resources,
};

// Every option, in the order of the enum.
std::span<const Option> all_options();

// The neutral snake_case name of an option ("max_depth"): how a front end without flags names it.
std::string_view option_name(Option option);

// How the current front end writes the option: its speller's answer, else option_name().
std::string spell(Option option);

// Sets how the front end writes options (process-wide, once, before any work; nullptr returns to
// the neutral names), as set_fixed_now sets the clock.
using OptionSpeller = std::string (*)(Option);
void set_option_speller(OptionSpeller speller);

// `text` with each "{option:NAME}" replaced by spell() of the option NAME names, for texts that are
// fixed before any front end runs (a lint rule's summary). An unknown NAME is left as written.
std::string spell_options(std::string_view text);

}  // namespace netobs
