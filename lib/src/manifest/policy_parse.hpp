// A NetworkPolicy object read into the model, leniently: fields of the wrong shape are left out
// (lint reports them), so analysis still runs on what is well-formed.
#pragma once

#include <netobs/policy.hpp>

#include "manifest/documents.hpp"

namespace netobs {

NetworkPolicy parse_policy(const ManifestObject& object);

}  // namespace netobs
