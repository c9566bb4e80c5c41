#include "core/util/error.h"

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

std::string torchReason(const std::string& message)
{
    if (message.find("TorchScript interpreter") == std::string::npos)
        return firstLine(message);
    std::string last;
    std::size_t start = 0;
    while (start < message.size()) {
        const auto end = message.find('\n', start);
        const std::string line = message.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (line.find_first_not_of(" \t\r") != std::string::npos)
            last = line;
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    for (const char* prefix : {"RuntimeError: ", "Error: "})
        if (last.rfind(prefix, 0) == 0)
            last = last.substr(std::string(prefix).size());
    return firstLine(last);
}

} // namespace advlens::core
