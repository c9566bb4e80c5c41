#pragma once

#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace advlens::cli {

/// One option of a command, as --help shows it and as CLI11 parses it
/// (commandparser.cpp turns these into CLI11 options).
struct OptionSpec {
    static constexpr double kUnbounded = std::numeric_limits<double>::infinity();

    std::string name;         ///< without the leading "--"
    std::string valueName;    ///< empty for a flag
    std::string help;         ///< one paragraph; --help wraps it
    std::string defaultValue; ///< shown in help and returned by CommandLine::value()
    /// Checks a value when it is parsed, from the command line or a config
    /// file: "" when accepted, else the one-line reason (naming the option).
    /// Empty: any text.
    std::function<std::string(const std::string&)> check = {};

    /// A number ("0.1", "1e3", "8/255") in [low, high].
    OptionSpec number(double low = -kUnbounded, double high = kUnbounded) const;
    /// A whole number in [low, high] ("1e3" is 1000).
    OptionSpec whole(double low, double high = kUnbounded) const;
    /// A list or range of numbers ≥ low (parseNumberList), "inf" among them when `allowInfinity`.
    OptionSpec numberList(double low, bool allowInfinity) const;
    /// One of `choices`.
    OptionSpec oneOf(std::vector<std::string> choices) const;
    /// A value `parse` accepts; it throws (core::Error or UsageError) with the reason otherwise.
    OptionSpec parsedBy(std::function<void(const std::string&)> parse) const;
};

struct CommandSpec {
    std::string name;
    std::string summary;    ///< one paragraph; --help and the overview wrap it
    std::string positional; ///< e.g. "STUDY|CONFIG.json"; empty when none is taken
    std::vector<OptionSpec> options;
    /// Printed after the options, e.g. the attacks (attackHelp()): lines end
    /// in "\n"; a line that is too long wraps under its own indentation + 2.
    std::string details;
    /// "  advlens-cli …" lines, each optionally with a "  # comment"; a line
    /// that is too long wraps with a shell continuation, so it still pastes.
    std::string examples;
    /// Takes --config FILE: options from a TOML/INI file (long runs).
    bool configFile = false;
};

/// Options shared by every command (threads, device, seed).
std::vector<OptionSpec> commonOptions();

} // namespace advlens::cli
