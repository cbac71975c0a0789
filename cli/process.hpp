// What the netobs process sets up once, before any subcommand runs: the input limits (global
// --max-* options) and the signals that must not leave a half-written output behind.
#pragma once

#include <CLI/CLI.hpp>

#include <netobs/collect.hpp>

namespace netobs::cli {

// Adds --max-depth, --max-nodes, ... to the top-level `app`; each sets its netobs::InputLimits
// field when given (before the subcommand runs), and may follow the subcommand.
void add_limit_options(CLI::App& app);

// On SIGINT, SIGTERM, SIGHUP and SIGPIPE: removes the temporary file of an output being written,
// then dies of the signal as if unhandled, so the shell sees the usual status (130, 143, 141).
void install_signal_handlers();

// The stop request the handlers make: while a collection runs (--follow, an agent URL), the first
// SIGINT or SIGTERM ends it cleanly (netobs::CollectStop::request) instead; a second one acts as
// above. A collecting job is given it as its stop.
CollectStop& signal_stop();

}  // namespace netobs::cli
