# NETOBS_SANITIZERS="address;undefined" instruments every target of the build.
if(NETOBS_SANITIZERS)
  list(JOIN NETOBS_SANITIZERS "," _netobs_sanitizers)
  add_compile_options(-fsanitize=${_netobs_sanitizers} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${_netobs_sanitizers})
endif()

# NETOBS_FUZZ (clang only) adds libFuzzer's coverage instrumentation to every target, so the
# same sanitizer build serves the tests and the fuzz targets under fuzz/; only those link the
# fuzzer's main.
if(NETOBS_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "NETOBS_FUZZ needs clang (libFuzzer); configure with the asan preset")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

# Precompiled headers for `target`, with clang only (see lib/CMakeLists.txt).
function(netobs_precompile_headers target)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    target_precompile_headers(${target} PRIVATE ${ARGN})
  endif()
endfunction()
