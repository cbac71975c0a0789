// How the command line writes the options the library names (netobs/option.hpp). main() makes
// it the library's speller, so the library's messages name the flags a user types here.
#pragma once

#include <string>

#include <netobs/option.hpp>

namespace netobs::cli {

// The flag of `option`: "--" and its name with dashes ("--max-depth"), or the one-letter form
// where the messages name that one ("-n").
std::string option_flag(Option option);

}  // namespace netobs::cli
