#include "lint/rules/rules.hpp"

namespace netobs::lint::rules {
namespace {

Diagnostics check_invalid_metadata(const LintContext& ctx) {
  static const std::set<std::string> k_known{"name",
                                             "namespace",
                                             "labels",
                                             "annotations",
                                             "uid",
                                             "resourceVersion",
                                             "generation",
                                             "creationTimestamp",
                                             "deletionTimestamp",
                                             "deletionGracePeriodSeconds",
                                             "generateName",
                                             "selfLink",
                                             "finalizers",
                                             "ownerReferences",
                                             "managedFields"};
  Diagnostics out;
  for (const auto& input : ctx.policies) {
    const json* metadata = input.at("/metadata");
    if (!metadata || metadata->is_null()) {
      out.push_back(
          ctx.at(input, metadata ? "/metadata" : "", "metadata is missing; a NetworkPolicy needs metadata.name"));
      continue;
    }
    if (!metadata->is_object()) {
      out.push_back(ctx.at(input, "/metadata", "metadata is " + type_name(*metadata) + ", not a map"));
      continue;
    }
    for (const auto& [key, value] : metadata->items()) {
      if (!k_known.contains(key)) out.push_back(ctx.at(input, "/metadata/" + key, "unknown field metadata." + key));
    }
    const json* name = input.at("/metadata/name");
    if (!name || name->is_null()) {
      out.push_back(ctx.at(input, name ? "/metadata/name" : "/metadata", "metadata.name is missing"));
    } else if (!name->is_string()) {
      out.push_back(ctx.at(input, "/metadata/name", "metadata.name is " + type_name(*name) + ", not a string"));
    } else if (!is_dns1123_subdomain(name->get<std::string>())) {
      out.push_back(ctx.at(input, "/metadata/name",
                           "metadata.name '" + name->get<std::string>().substr(0, 80) +
                               "' is not a DNS subdomain (lower-case letters, digits, '-' and '.', at most 253)"));
    }
    if (const json* ns = input.at("/metadata/namespace")) {
      if (!ns->is_string()) {
        out.push_back(
            ctx.at(input, "/metadata/namespace", "metadata.namespace is " + type_name(*ns) + ", not a string"));
      } else if (!is_dns1123_label(ns->get<std::string>())) {
        out.push_back(ctx.at(input, "/metadata/namespace",
                             "metadata.namespace '" + ns->get<std::string>() + "' is not a DNS label"));
      }
    }
    for (const char* map : {"labels", "annotations"}) {
      const json* value = input.at(std::string("/metadata/") + map);
      if (value && !value->is_object() && !value->is_null()) {
        out.push_back(ctx.at(input, std::string("/metadata/") + map, std::string("metadata.") + map + " is not a map"));
      }
    }
  }
  return out;
}

}  // namespace

const Rule k_invalid_metadata{
    "invalid-metadata", Severity::error, "NetworkPolicy metadata the API server rejects (name, namespace, types)",
    "Give the policy a map metadata with a DNS-subdomain name and, if set, a DNS-label namespace.",
    &check_invalid_metadata};

}  // namespace netobs::lint::rules
