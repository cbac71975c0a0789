// netobs-man DIR: writes the man pages of netobs into DIR (a build step; see cli/CMakeLists.txt).
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app.hpp"
#include "man_page.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: netobs-man DIR\n";
    return 2;
  }
  CLI::App app{netobs::cli::k_app_description, "netobs"};
  netobs::cli::ExitCode exit_code = netobs::cli::ExitCode::ok;
  netobs::cli::add_commands(app, exit_code);
  const std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir);
  std::vector<const CLI::App*> pages{&app};
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) pages.push_back(sub);
  for (const CLI::App* page : pages) {
    const std::string name = page == &app ? "netobs" : "netobs-" + page->get_name();
    std::ofstream out(dir / (name + ".1"));
    out << netobs::cli::render_man_page(app, *page, netobs::cli::version_line());
    if (!out) {
      std::cerr << "netobs-man: cannot write " << (dir / (name + ".1")).string() << "\n";
      return 3;
    }
  }
  return 0;
}
