#pragma once

namespace CLI {
class App;
}

namespace advlens::cli {

/// Gives `root` CLI11's --config FILE for the commands that let it through
/// (CommandSpec::configFile): a TOML (or INI) file of options for long runs,
/// one `name = value` per line, names without "--":
///
///     attack = "pgd"
///     eps = [0, "4/255", "8/255"]   # a list is the comma-separated value
///     early-stop = true             # a flag
///
/// Options on the command line win over the file. Keys outside a section
/// belong to the command that reads the file; a [section] names a command
/// and is read by that command only, so one file can serve several. A key
/// that is not an option of the command is refused (UsageError), and values
/// are checked as on the command line.
void addConfigFileOption(CLI::App& root);

} // namespace advlens::cli
