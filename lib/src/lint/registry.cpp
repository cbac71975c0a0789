#include "lint/rules/rules.hpp"

namespace netobs::lint {

const std::vector<const Rule*>& builtin_rules() {
  // Listed explicitly (sorted by id): a static library drops unreferenced objects, so rules
  // must not register themselves.
  static const std::vector<const Rule*> k_rules{
      &rules::k_dns_egress_blocked,     &rules::k_duplicate_policy,
      &rules::k_host_network_selected,  &rules::k_inert_rules,
      &rules::k_invalid_api_version,    &rules::k_invalid_cilium_policy,
      &rules::k_invalid_cluster_policy, &rules::k_invalid_ip_block,
      &rules::k_invalid_metadata,       &rules::k_invalid_peer,
      &rules::k_invalid_port,           &rules::k_invalid_selector,
      &rules::k_invalid_spec,           &rules::k_ip_block_overlaps_pods,
      &rules::k_named_port_to_ip_block, &rules::k_named_port_undefined,
      &rules::k_namespace_omitted,      &rules::k_namespace_without_default_deny,
      &rules::k_observed_flow_blocked,  &rules::k_peer_selects_nothing,
      &rules::k_policy_selects_nothing, &rules::k_policy_types_omitted,
      &rules::k_protocol_omitted,       &rules::k_split_peer_selectors,
      &rules::k_unparsable_file,        &rules::k_workload_not_isolated,
  };
  return k_rules;
}

}  // namespace netobs::lint
