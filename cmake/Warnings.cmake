# Warnings are an INTERFACE target linked by our own code only, so third-party headers and
# users on newer compilers are not broken by -Werror (ccache's StandardWarnings pattern).
add_library(netobs_warnings INTERFACE)
target_compile_options(netobs_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
  -Wnull-dereference -Wcast-align)
if(NETOBS_WARNINGS_AS_ERRORS)
  target_compile_options(netobs_warnings INTERFACE -Werror)
endif()
