// The Cilium part of not_evaluated(): what Cilium policies say that the manifests cannot decide.
#pragma once

#include <string>
#include <vector>

#include <netobs/manifest.hpp>

namespace netobs {

// Appends one sentence per Cilium rule (or policy) the engine takes to match nothing, or judges at
// layer 4 only.
void add_cilium_not_evaluated(const ManifestSet& set, std::vector<std::string>& out);

}  // namespace netobs
