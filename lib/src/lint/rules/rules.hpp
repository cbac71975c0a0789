// The built-in lint rules, one file each; registry.cpp lists them.
#pragma once

#include <netobs/lint.hpp>

#include "lint/rules/helpers.hpp"

namespace netobs::lint::rules {

extern const Rule k_dns_egress_blocked;
extern const Rule k_duplicate_policy;
extern const Rule k_host_network_selected;
extern const Rule k_inert_rules;
extern const Rule k_invalid_cilium_policy;
extern const Rule k_invalid_cluster_policy;
extern const Rule k_invalid_api_version;
extern const Rule k_invalid_ip_block;
extern const Rule k_invalid_metadata;
extern const Rule k_invalid_peer;
extern const Rule k_invalid_port;
extern const Rule k_invalid_selector;
extern const Rule k_invalid_spec;
extern const Rule k_ip_block_overlaps_pods;
extern const Rule k_named_port_to_ip_block;
extern const Rule k_named_port_undefined;
extern const Rule k_namespace_omitted;
extern const Rule k_namespace_without_default_deny;
extern const Rule k_observed_flow_blocked;
extern const Rule k_peer_selects_nothing;
extern const Rule k_policy_selects_nothing;
extern const Rule k_policy_types_omitted;
extern const Rule k_protocol_omitted;
extern const Rule k_split_peer_selectors;
extern const Rule k_unparsable_file;
extern const Rule k_workload_not_isolated;

}  // namespace netobs::lint::rules
