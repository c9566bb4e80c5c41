#pragma once

#include "app/cli/usageerror.h"

#include <string>
#include <vector>

namespace advlens::cli {

/// A finite number as options take it: "0.1", "1e3" or a fraction "8/255"
/// (kept exact as a division, so 8/255 is the double nearest 8÷255).
/// Throws UsageError "--NAME expects a number, not 'TEXT'".
double parseNumber(const std::string& text, const std::string& optionName);

/// "0,0.01,0.03" or a range "0:0.1:11" (start:stop:count, inclusive); values
/// may be written "8/255", and "inf" when `allowInfinity`. Throws UsageError.
std::vector<double> parseNumberList(const std::string& text, bool allowInfinity = false);

} // namespace advlens::cli
