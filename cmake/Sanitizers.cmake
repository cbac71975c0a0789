# NETOBS_SANITIZERS="address;undefined" instruments every target of the build.
if(NETOBS_SANITIZERS)
  list(JOIN NETOBS_SANITIZERS "," _netobs_sanitizers)
  add_compile_options(-fsanitize=${_netobs_sanitizers} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${_netobs_sanitizers})
endif()
