// The CLI's end of a library job (netobs/job.hpp): prints what the job says on stderr, prefixed
// with "netobs <command>: ", words what only options can remedy, writes the output and turns the
// job's end into the exit code.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include <netobs/job.hpp>

#include "commands.hpp"

namespace netobs::cli {

// What the error printed for a file that did not parse says happens to it, by default.
inline constexpr std::string_view k_left_out = "left out; --strict-input stops here instead";

// How a command words what its options would remedy.
struct JobWording {
  std::string_view left_out = k_left_out;  // after each file that did not parse
  std::string no_workloads;                // Unchecked::no_workloads (diff's, naming its states)
  std::string no_policies;                 // Unchecked::no_policies (graph's, naming its policy files)
  bool quiet = false;                      // -q: notes and progress are not printed
  std::string no_cluster_config;           // a hint when the cluster could not be read for want of a kubeconfig
};

// Writes `text` to `output` atomically, or to `out` when `output` is empty.
ExitCode write_result(const std::string& command, const std::string& text, const std::string& output, std::ostream& out,
                      std::ostream& err);
// The same for text a library call may have failed to make: its error is printed instead.
ExitCode write_result(const std::string& command, const Result<std::string>& text, const std::string& output,
                      std::ostream& out, std::ostream& err);

// The exit code of a job's end.
ExitCode exit_code_of(JobExit exit);

// Prints `message` on `err` as "netobs COMMAND: TEXT", unless `quiet` (-q) silences its kind
// (notes and progress): the one place -q decides, by the kind the line was written with.
void print_message(std::ostream& err, const std::string& command, const JobResult::Message& message, bool quiet);
// The same for a note ("netobs COMMAND: note: TEXT").
void print_note(std::ostream& err, const std::string& command, const std::string& note, bool quiet);

// Prints what loading a state noted (the notes not with -q: `quiet`).
void print_state_report(const std::string& command, const StateReport& report, std::string_view left_out, bool quiet,
                        std::ostream& err);

// Prints one of a job's messages (a progress line not with -q).
void print_job_message(const std::string& command, const JobResult::Message& message, const JobWording& wording,
                       std::ostream& err);

// Prints the job's loads, messages and why it checked nothing.
void print_job_notes(const std::string& command, const JobResult& result, const JobWording& wording, std::ostream& err);

// Writes the job's output, if any, to `output` (or `out`); returns the exit code: the writing's
// failure, else the job's.
ExitCode write_job_output(const std::string& command, const JobResult& result, const std::string& output,
                          std::ostream& out, std::ostream& err);

// print_job_notes, then write_job_output.
ExitCode finish_job(const std::string& command, const JobResult& result, const std::string& output, std::ostream& out,
                    std::ostream& err, const JobWording& wording = {});

}  // namespace netobs::cli
