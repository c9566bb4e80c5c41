#pragma once

#include "commandline.h"

#include "attacks/attack.h"

namespace advlens::cli {

/// The options that describe an attack, shared by `attack` and `eval`.
std::vector<OptionSpec> attackOptions(const std::string& defaultEpsilon);

/// Builds the attack settings from those options (epsilon from --eps when it
/// is a single number).
core::AttackConfig attackConfigFrom(const CommandLine& line);

} // namespace advlens::cli
