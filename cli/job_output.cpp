#include "job_output.hpp"

#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <netobs/output.hpp>
#include <netobs/plural.hpp>

#include "options.hpp"

namespace netobs::cli {
namespace {

// "none of the 3 observed edges", "the one observed edge": the subject of a sentence about each.
std::string none_of_edges(std::size_t count) {
  return count == 1 ? std::string("the one observed edge") : fmt::format("none of the {} observed edges", count);
}

// Why nothing was checked, with the options that would change it.
std::string unchecked_text(const JobResult& result, const JobWording& wording) {
  constexpr std::string_view k_none_checked = "nothing was checked against observed traffic";
  switch (result.unchecked) {
    case Unchecked::no_workload_end:
      return fmt::format(
          "{} {} a workload at either end (the addresses need --inventory or --from-cluster to name pods): {}",
          none_of_edges(result.unchecked_count), result.unchecked_count == 1 ? "has no" : "has", k_none_checked);
    case Unchecked::edges_unjudged:
      return fmt::format(
          "{} {} between workloads the policies' state knows (attribute the flows with --inventory, or read "
          "the cluster): {}",
          none_of_edges(result.unchecked_count), result.unchecked_count == 1 ? "is not" : "is", k_none_checked);
    case Unchecked::unparsable_files:
      return fmt::format("{} not parse: nothing was compared (--skip-unparsable compares the rest)",
                         result.unchecked_count == 1 ? std::string("1 file did")
                                                     : fmt::format("{} files did", result.unchecked_count));
    case Unchecked::no_workloads:
      return wording.no_workloads;
    case Unchecked::no_policies:
      return wording.no_policies;
    case Unchecked::none:
      break;
  }
  return {};
}

}  // namespace

ExitCode exit_code_of(JobExit exit) {
  switch (exit) {
    case JobExit::ok:
      return ExitCode::ok;
    case JobExit::findings:
      return ExitCode::findings;
    case JobExit::usage:
      return ExitCode::usage;
    case JobExit::input_error:
      break;
  }
  return ExitCode::input_error;
}

void print_message(std::ostream& err, const std::string& command, const JobResult::Message& message, bool quiet) {
  const bool silenced = message.kind == MessageKind::note || message.kind == MessageKind::progress;
  if (!quiet || !silenced) fmt::print(err, "netobs {}: {}\n", command, message.text);
}

void print_note(std::ostream& err, const std::string& command, const std::string& note, bool quiet) {
  print_message(err, command, {MessageKind::note, "note: " + note}, quiet);
}

void print_state_report(const std::string& command, const StateReport& report, std::string_view left_out, bool quiet,
                        std::ostream& err) {
  for (const auto& path : report.lists_found) {
    print_note(err, command,
               fmt::format("{} is a Kubernetes List: read as the inventory (no --inventory was given)", path), quiet);
  }
  for (const auto& note : report.notes) print_note(err, command, note, quiet);
  for (const auto& problem : report.problems) {
    fmt::print(err, "netobs {}: error: {}: {}{}{} ({})\n", command, format_location(problem.location), problem.message,
               problem.hint.empty() ? "" : "; ", problem.hint, left_out);
  }
  for (const auto& note : report.cluster_notes) print_note(err, command, note, quiet);
  for (const auto& warning : report.cluster_warnings) fmt::print(err, "netobs {}: warning: {}\n", command, warning);
}

ExitCode write_result(const std::string& command, const std::string& text, const std::string& output, std::ostream& out,
                      std::ostream& err) {
  if (!output.empty()) {
    if (auto written = write_file_atomically(output, text); !written) {
      fmt::print(err, "netobs {}: {}\n", command, describe(written.error()));
      return ExitCode::input_error;
    }
    return ExitCode::ok;
  }
  out << text;
  out.flush();
  if (!out) {
    fmt::print(err, "netobs {}: cannot write to standard output\n", command);
    return ExitCode::input_error;
  }
  return ExitCode::ok;
}

ExitCode write_result(const std::string& command, const Result<std::string>& text, const std::string& output,
                      std::ostream& out, std::ostream& err) {
  if (!text) {
    fmt::print(err, "netobs {}: {}\n", command, describe(text.error()));
    return exit_code_of(text.error());
  }
  return write_result(command, *text, output, out, err);
}

void print_job_message(const std::string& command, const JobResult::Message& message, const JobWording& wording,
                       std::ostream& err) {
  print_message(err, command, message, wording.quiet);
}

void print_job_notes(const std::string& command, const JobResult& result, const JobWording& wording,
                     std::ostream& err) {
  for (const auto& report : result.loads) print_state_report(command, report, wording.left_out, wording.quiet, err);
  for (const auto& message : result.messages) print_job_message(command, message, wording, err);
  if (result.error_kind == ErrorKind::no_cluster_config && !wording.no_cluster_config.empty()) {
    fmt::print(err, "netobs {}: hint: {}\n", command, wording.no_cluster_config);
  }
  if (result.unchecked != Unchecked::none) fmt::print(err, "netobs {}: {}\n", command, unchecked_text(result, wording));
}

ExitCode write_job_output(const std::string& command, const JobResult& result, const std::string& output,
                          std::ostream& out, std::ostream& err) {
  if (result.output) {
    if (const ExitCode written = write_result(command, *result.output, output, out, err); written != ExitCode::ok) {
      return written;
    }
  }
  return exit_code_of(result.exit);
}

ExitCode finish_job(const std::string& command, const JobResult& result, const std::string& output, std::ostream& out,
                    std::ostream& err, const JobWording& wording) {
  print_job_notes(command, result, wording, err);
  return write_job_output(command, result, output, out, err);
}

}  // namespace netobs::cli
