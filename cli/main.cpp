// netobs: observed network flows in, least-privilege Kubernetes NetworkPolicies out.
#include <exception>
#include <iostream>
#include <vector>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <CLI/CLI.hpp>

#include <netobs/option.hpp>

#include "app.hpp"
#include "option_flags.hpp"
#include "process.hpp"
#include "terminal.hpp"

int main(int argc, char** argv) {
  using netobs::cli::ExitCode;
  // Before anything is printed: inputs' control characters never reach the terminal raw.
  const netobs::cli::TerminalEscaping terminal;
  CLI::App app{netobs::cli::k_app_description};
  netobs::cli::install_signal_handlers();
  // The library's messages name options (raise it with ...): here they are flags.
  netobs::set_option_speller(&netobs::cli::option_flag);
#ifdef __GLIBC__
  // One malloc arena for every thread: ingest's folding thread builds the edge table that the
  // main thread frees before it renders, and with an arena per thread that memory could not be
  // reused, adding the table's size to the peak. Threads here allocate rarely, so sharing costs
  // nothing measurable.
  mallopt(M_ARENA_MAX, 1);
#endif
  ExitCode exit_code = ExitCode::ok;
  netobs::cli::add_commands(app, exit_code);
  const auto args = netobs::cli::command_line(app, argc, argv, std::cerr);
  if (!args) return static_cast<int>(ExitCode::usage);
  // Once the command is known, so that the error names it as every other does.
  if (!netobs::cli::set_clock(*args, std::cerr)) return static_cast<int>(ExitCode::usage);
  std::vector<const char*> arg_pointers;
  arg_pointers.reserve(args->size());
  for (const auto& arg : *args) arg_pointers.push_back(arg.c_str());
  try {
    app.parse(static_cast<int>(arg_pointers.size()), arg_pointers.data());
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return netobs::cli::report_parse_error(app, *args, e, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "netobs: " << e.what() << "\n";
    return static_cast<int>(ExitCode::input_error);
  }
  return static_cast<int>(exit_code);
}
