#include "app.hpp"

#include "process.hpp"
#include "revision.hpp"

namespace netobs::cli {

const char* version_line() { return "netobs " NETOBS_VERSION " (git " NETOBS_GIT_REVISION ")"; }

void add_commands(CLI::App& app, ExitCode& exit_code) {
  app.require_subcommand(1);
  app.set_version_flag("--version", version_line());
  add_limit_options(app);
  add_recommend_command(app, exit_code);
  add_connectivity_command(app, exit_code);
  add_explain_command(app, exit_code);
  add_lint_command(app, exit_code);
  add_diff_command(app, exit_code);
  add_graph_command(app, exit_code);
  add_sql_command(app, exit_code);
  add_completion_command(app, exit_code);
}

}  // namespace netobs::cli
