#include "util/curl_library.hpp"

#include <cstdarg>
#include <string>

#include <curl/curl.h>
#include <dlfcn.h>

namespace netobs {
namespace {

// The library's functions, resolved once. A missing one leaves the library unusable as a whole.
struct CurlLibrary {
  void* handle = nullptr;
  std::string error;
  CURLcode (*global_init)(long) = nullptr;
  CURL* (*easy_init)() = nullptr;
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...) = nullptr;
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...) = nullptr;
  CURLcode (*easy_perform)(CURL*) = nullptr;
  void (*easy_cleanup)(CURL*) = nullptr;
  CURLcode (*easy_pause)(CURL*, int) = nullptr;
  const char* (*easy_strerror)(CURLcode) = nullptr;
  curl_slist* (*slist_append)(curl_slist*, const char*) = nullptr;
  void (*slist_free_all)(curl_slist*) = nullptr;
  CURLM* (*multi_init)() = nullptr;
  CURLMcode (*multi_add_handle)(CURLM*, CURL*) = nullptr;
  CURLMcode (*multi_remove_handle)(CURLM*, CURL*) = nullptr;
  CURLMcode (*multi_perform)(CURLM*, int*) = nullptr;
  CURLMcode (*multi_poll)(CURLM*, curl_waitfd[], unsigned int, int, int*) = nullptr;
  CURLMsg* (*multi_info_read)(CURLM*, int*) = nullptr;
  CURLMcode (*multi_cleanup)(CURLM*) = nullptr;

  template <typename F>
  void resolve(F& into, const char* name) {
    into = reinterpret_cast<F>(dlsym(handle, name));
    if (!into && error.empty()) error = std::string("libcurl.so.4 lacks ") + name;
  }

  CurlLibrary() {
    handle = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* why = dlerror();
      error = why ? why : "libcurl.so.4: cannot be loaded";
      return;
    }
    resolve(global_init, "curl_global_init");
    resolve(easy_init, "curl_easy_init");
    resolve(easy_setopt, "curl_easy_setopt");
    resolve(easy_getinfo, "curl_easy_getinfo");
    resolve(easy_perform, "curl_easy_perform");
    resolve(easy_cleanup, "curl_easy_cleanup");
    resolve(easy_pause, "curl_easy_pause");
    resolve(easy_strerror, "curl_easy_strerror");
    resolve(slist_append, "curl_slist_append");
    resolve(slist_free_all, "curl_slist_free_all");
    resolve(multi_init, "curl_multi_init");
    resolve(multi_add_handle, "curl_multi_add_handle");
    resolve(multi_remove_handle, "curl_multi_remove_handle");
    resolve(multi_perform, "curl_multi_perform");
    resolve(multi_poll, "curl_multi_poll");
    resolve(multi_info_read, "curl_multi_info_read");
    resolve(multi_cleanup, "curl_multi_cleanup");
    // Once per process, before any other call, as curl requires; loading happens once too.
    if (usable() && global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) error = "libcurl.so.4: curl_global_init failed";
  }
  bool usable() const { return error.empty(); }
};

const CurlLibrary& library() {
  static const CurlLibrary loaded;  // thread-safe, loaded on first use
  return loaded;
}

}  // namespace

std::optional<std::string> curl_unavailable() {
  if (library().usable()) return std::nullopt;
  return library().error;
}

}  // namespace netobs

using netobs::library;

// The curl API as netobs calls it. A handle only exists once the library is usable, so only the
// functions that come first check.
//
// curl declares the variadic functions after an enum parameter. clang warns that va_start after
// a parameter that undergoes promotion is undefined; curl's enums hold only small positive
// values, so their underlying type is int or unsigned int, which promotion leaves as they are.
static_assert(sizeof(CURLoption) == sizeof(int) && sizeof(CURLINFO) == sizeof(int));
#ifdef __clang__
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wvarargs"
#endif
extern "C" {

CURL* curl_easy_init() { return library().usable() ? library().easy_init() : nullptr; }

// The variadic parameter is read as curl itself reads it, by the option's type range (a long,
// an object or function pointer, a curl_off_t, a blob pointer), and passed on as that type.
CURLcode curl_easy_setopt(CURL* curl, CURLoption option, ...) {
  va_list args;
  va_start(args, option);
  CURLcode result;
  if (option < CURLOPTTYPE_OBJECTPOINT) {
    result = library().easy_setopt(curl, option, va_arg(args, long));
  } else if (option < CURLOPTTYPE_OFF_T || option >= CURLOPTTYPE_BLOB) {
    result = library().easy_setopt(curl, option, va_arg(args, void*));
  } else {
    result = library().easy_setopt(curl, option, va_arg(args, curl_off_t));
  }
  va_end(args);
  return result;
}

// Every CURLINFO takes one pointer to where the answer goes.
CURLcode curl_easy_getinfo(CURL* curl, CURLINFO info, ...) {
  va_list args;
  va_start(args, info);
  const CURLcode result = library().easy_getinfo(curl, info, va_arg(args, void*));
  va_end(args);
  return result;
}

CURLcode curl_easy_perform(CURL* curl) { return library().easy_perform(curl); }
void curl_easy_cleanup(CURL* curl) {
  if (curl) library().easy_cleanup(curl);
}
CURLcode curl_easy_pause(CURL* curl, int bitmask) { return library().easy_pause(curl, bitmask); }
const char* curl_easy_strerror(CURLcode code) {
  return library().usable() ? library().easy_strerror(code) : "libcurl is not loaded";
}
curl_slist* curl_slist_append(curl_slist* list, const char* data) {
  return library().usable() ? library().slist_append(list, data) : nullptr;
}
void curl_slist_free_all(curl_slist* list) {
  if (list) library().slist_free_all(list);
}
CURLM* curl_multi_init() { return library().usable() ? library().multi_init() : nullptr; }
CURLMcode curl_multi_add_handle(CURLM* multi, CURL* curl) { return library().multi_add_handle(multi, curl); }
CURLMcode curl_multi_remove_handle(CURLM* multi, CURL* curl) { return library().multi_remove_handle(multi, curl); }
CURLMcode curl_multi_perform(CURLM* multi, int* running) { return library().multi_perform(multi, running); }
CURLMcode curl_multi_poll(CURLM* multi, curl_waitfd extra_fds[], unsigned int extra_nfds, int timeout_ms, int* ret) {
  return library().multi_poll(multi, extra_fds, extra_nfds, timeout_ms, ret);
}
CURLMsg* curl_multi_info_read(CURLM* multi, int* queued) { return library().multi_info_read(multi, queued); }
CURLMcode curl_multi_cleanup(CURLM* multi) { return multi ? library().multi_cleanup(multi) : CURLM_OK; }

}  // extern "C"
#ifdef __clang__
#pragma clang diagnostic pop
#endif
