// Base64 (RFC 4648, standard alphabet), as kubeconfig's *-data fields hold certificates and keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace netobs {

// Decodes `text`; whitespace is ignored, padding is optional. nullopt for any other character.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace netobs
