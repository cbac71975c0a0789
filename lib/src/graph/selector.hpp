// Choosing the label selector a policy uses for a workload: its own spec.selector when the
// inventory has it, else the labels its pods share minus volatile ones; and checking that the
// choice selects exactly that workload's pods.
#pragma once

#include <map>
#include <vector>

#include <netobs/graph.hpp>

namespace netobs {

// Fills `selector` and `selector_note` of every workload in `graph`. `observed_labels` holds the
// label sets seen for each workload (inventory pods and Hubble identities).
void choose_selectors(Graph& graph, const Inventory& inventory,
                      const std::map<WorkloadRef, std::vector<Labels>>& observed_labels);

}  // namespace netobs
