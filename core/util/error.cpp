#include "error.h"

namespace advlens::core {

Error::Error(const std::string& message)
    : std::runtime_error(firstLine(message))
{
}

std::string firstLine(const std::string& message)
{
    const auto end = message.find_first_of("\r\n");
    std::string line = message.substr(0, end);
    while (!line.empty() && (line.back() == ' ' || line.back() == '.'))
        line.pop_back();
    return line;
}

} // namespace advlens::core
