#pragma once

#include <stdexcept>
#include <string>

namespace advlens::core {

/// The one exception type core throws for bad input or a failed operation.
/// what() is a single line written for the user (no backtrace, no newline),
/// so the CLI can print it as the reason and the GUI can show it as is.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message);
};

/// First line of a LibTorch/OpenCV message, without the C++ backtrace they append.
std::string firstLine(const std::string& message);

/// The reason inside a LibTorch message. Errors raised in the TorchScript
/// interpreter start with a generic line and a TorchScript traceback; the
/// reason ("RuntimeError: mat1 and mat2 shapes cannot be multiplied …") is last.
std::string torchReason(const std::string& message);

} // namespace advlens::core
