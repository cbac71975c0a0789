#include "process.hpp"

#include <signal.h>

#include <netobs/collect.hpp>
#include <netobs/limits.hpp>
#include <netobs/output.hpp>

#include "option_flags.hpp"
#include "options.hpp"

namespace netobs::cli {
namespace {

// Declared by the Option the library's limit errors name, so the flag is the one they spell.
template <typename T>
void add_limit(CLI::App& app, Option option, T InputLimits::*field, const std::string& what) {
  app.add_option_function<T>(
         option_flag(option),
         [field](const T& value) {
           InputLimits limits = input_limits();
           limits.*field = value;
           set_input_limits(limits);
         },
         what + " (default " + std::to_string(InputLimits{}.*field) + ")")
      ->check(positive_number())
      ->type_name("N")
      ->group("Input limits");
}

CollectStop g_signal_stop;

extern "C" void on_signal(int sig) {
  // The first SIGINT or SIGTERM of a running collection ends it; the policies are still written.
  if (g_signal_stop.running() && (sig == SIGINT || sig == SIGTERM) &&
      g_signal_stop.request(sig == SIGINT ? "SIGINT" : "SIGTERM")) {
    return;
  }
  remove_pending_output();
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

}  // namespace

void add_limit_options(CLI::App& app) {
  add_limit(app, Option::max_depth, &InputLimits::max_depth, "Nesting levels of one YAML or JSON document");
  add_limit(app, Option::max_nodes, &InputLimits::max_nodes, "Values in one document, YAML aliases expanded");
  add_limit(app, Option::max_alias_nodes, &InputLimits::max_alias_nodes,
            "Values that YAML aliases add to one document");
  add_limit(app, Option::max_documents, &InputLimits::max_documents, "YAML documents in one file");
  add_limit(app, Option::max_line_bytes, &InputLimits::max_line_bytes, "Bytes in one line (record) of a flow log");
  add_limit(app, Option::max_file_bytes, &InputLimits::max_file_bytes,
            "Bytes of a file read whole (manifests, inventories)");
  // Limits may follow the subcommand: `netobs lint --max-depth 512 k8s/`.
  app.fallthrough();
}

CollectStop& signal_stop() { return g_signal_stop; }

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) ::sigaction(sig, &action, nullptr);
}

}  // namespace netobs::cli
