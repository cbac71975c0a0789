// netobs: observed network flows in, least-privilege Kubernetes NetworkPolicies out.
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "process.hpp"
#include "revision.hpp"

int main(int argc, char** argv) {
  using netobs::cli::ExitCode;
  CLI::App app{"netobs: least-privilege Kubernetes NetworkPolicies from observed network flows"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "netobs " NETOBS_VERSION " (git " NETOBS_GIT_REVISION ")");
  netobs::cli::install_signal_handlers();
  netobs::cli::add_limit_options(app);
  ExitCode exit_code = ExitCode::ok;
  netobs::cli::add_recommend_command(app, exit_code);
  netobs::cli::add_connectivity_command(app, exit_code);
  netobs::cli::add_explain_command(app, exit_code);
  netobs::cli::add_lint_command(app, exit_code);
  netobs::cli::add_diff_command(app, exit_code);
  netobs::cli::add_completion_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return static_cast<int>(ExitCode::usage);
  } catch (const std::exception& e) {
    std::cerr << "netobs: " << e.what() << "\n";
    return static_cast<int>(ExitCode::input_error);
  }
  return static_cast<int>(exit_code);
}
