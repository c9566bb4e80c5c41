#pragma once

#include "app/cli/commandline.h"

#include "core/data/labelledimages.h"
#include "core/metrics/shares.h"

#include <filesystem>
#include <map>
#include <string>

namespace advlens::cli {

/// --shard I/N: eval computes share I of N (I from 0, as Slurm's
/// $SLURM_ARRAY_TASK_ID with --array=0-(N-1)) into a partial result.
OptionSpec shardOption();

/// "I/N" with 0 ≤ I < N; throws UsageError with one line otherwise.
core::Share parseShare(const std::string& text);

/// What a share's numbers depend on, for the merge to compare: every option
/// of `command` as given or defaulted, except those that only say where or
/// how fast it runs (out, shard, threads, device); the content hashes of the
/// model's files (an ensemble's members' too), of a --surrogate's, and of the
/// loaded images and labels; the program's version.
std::map<std::string, std::string> shareConfiguration(const CommandSpec& command, const CommandLine& line,
                                                      const std::filesystem::path& model,
                                                      const core::LabelledImages& data);

} // namespace advlens::cli
