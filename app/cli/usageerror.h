#pragma once

#include <stdexcept>

namespace advlens::cli {

/// A mistake in how the command was called: exit code 2, not 1 (bad input or
/// a failure). what() is one line for the user.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace advlens::cli
