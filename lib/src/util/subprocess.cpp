#include "util/subprocess.hpp"

#include <cerrno>
#include <chrono>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace netobs {
namespace {

std::vector<char*> pointers(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (const auto& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

}  // namespace

std::string first_error_line(const SubprocessResult& result) {
  std::string line = result.err.substr(0, result.err.find('\n'));
  if (line.size() > 300) line.resize(300);
  return line;
}

SubprocessResult run_subprocess(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                                const std::string& input, const SubprocessLimits& limits) {
  SubprocessResult result;
  int out_pipe[2];
  int err_pipe[2];
  int exec_pipe[2];
  // stdin is a socket so writing to a helper that has exited gives EPIPE, not SIGPIPE
  // (MSG_NOSIGNAL), which the CLI treats as its own output closing.
  int in_pair[2] = {-1, -1};
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0 || pipe2(exec_pipe, O_CLOEXEC) != 0 ||
      (!input.empty() && socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in_pair) != 0)) {
    result.exec_errno = errno;
    return result;
  }
  std::vector<std::string> environment;
  for (char** e = environ; *e; ++e) environment.emplace_back(*e);
  environment.insert(environment.end(), env.begin(), env.end());
  std::vector<char*> args = pointers(argv);
  std::vector<char*> envp = pointers(environment);

  const pid_t pid = fork();
  if (pid == 0) {
    const int in = input.empty() ? open("/dev/null", O_RDONLY) : in_pair[1];
    dup2(in, 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    execvpe(args[0], args.data(), envp.data());
    const int error = errno;
    (void)!write(exec_pipe[1], &error, sizeof error);
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  close(exec_pipe[1]);
  if (in_pair[1] >= 0) close(in_pair[1]);
  if (pid < 0) {
    result.exec_errno = errno;
    for (int fd : {out_pipe[0], err_pipe[0], exec_pipe[0], in_pair[0]}) {
      if (fd >= 0) close(fd);
    }
    return result;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(limits.timeout_ms);
  pollfd fds[3] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}, {in_pair[0], POLLOUT, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  std::size_t written = 0;
  int open_outputs = 2;
  while (open_outputs > 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) {
      result.timed_out = true;
      break;
    }
    if (poll(fds, 3, static_cast<int>(left)) < 0 && errno != EINTR) break;
    if (fds[2].fd >= 0 && fds[2].revents != 0) {
      const ssize_t n = send(fds[2].fd, input.data() + written, input.size() - written, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) written += static_cast<std::size_t>(n);
      if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == input.size()) {
        close(fds[2].fd);  // end of input, or the helper stopped reading
        fds[2].fd = -1;
      }
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buffer[8192];
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_outputs;
        continue;
      }
      if (sinks[i]->size() + static_cast<std::size_t>(n) > limits.max_output) {
        result.too_large = true;
        open_outputs = 0;
        break;
      }
      sinks[i]->append(buffer, static_cast<std::size_t>(n));
    }
  }
  for (auto& fd : fds) {
    if (fd.fd >= 0) close(fd.fd);
  }
  if (result.timed_out || result.too_large) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  int error = 0;
  if (read(exec_pipe[0], &error, sizeof error) == static_cast<ssize_t>(sizeof error)) result.exec_errno = error;
  close(exec_pipe[0]);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace netobs
