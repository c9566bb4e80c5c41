#include "core/util/tensorformat.h"

namespace advlens::core {

std::string shapeString(c10::ArrayRef<std::int64_t> sizes)
{
    std::string text;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        if (i > 0)
            text += "×";
        text += std::to_string(sizes[i]);
    }
    return text.empty() ? "scalar" : text;
}

} // namespace advlens::core
