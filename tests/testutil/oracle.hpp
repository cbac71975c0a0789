// Shared pieces of the tests that read ../shared's oracles: whole files, and gtest-safe names
// for parameterised cases.
#pragma once

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace netobs::testing {

// The bytes of `path` ("" when it cannot be read).
std::string read_file(const std::filesystem::path& path);

// A case name as a gtest parameter name: every character that is not alphanumeric becomes '_'.
std::string param_name(const ::testing::TestParamInfo<std::string>& info);

}  // namespace netobs::testing
