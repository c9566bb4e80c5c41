#pragma once

#include <c10/util/ArrayRef.h>

#include <cstdint>
#include <string>

namespace advlens::core {

/// "2×1×28×28": shapes in messages the way the README writes them.
std::string shapeString(c10::ArrayRef<std::int64_t> sizes);

} // namespace advlens::core
