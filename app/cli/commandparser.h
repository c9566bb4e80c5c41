#pragma once

#include "app/cli/commands.h"

#include <vector>

namespace advlens::cli {

/// The name CLI11 knows a command's positional arguments by (CommandSpec::positional).
inline constexpr const char* kPositionalName = "arguments";

/// Exit codes: 0 done, 1 bad input or a failure, 2 wrong usage.
inline constexpr int kUsageExit = 2;

/// Parses the command line with CLI11 into one of `commands` and runs it;
/// returns the exit code. `program` gives the overview (--help without a
/// command). Every failure ends in one line on stderr, "advlens-cli: REASON":
/// CLI11's own errors (unknown options, missing values, values an option's
/// check refuses, config files) are rewritten to one line, exit 2.
int runCommandLine(int argc, char** argv, const CommandSpec& program, const std::vector<Command>& commands);

} // namespace advlens::cli
