#include "core/util/datapaths.h"

#include "buildpaths.h"

#include <cstdlib>

namespace advlens::core {

namespace fs = std::filesystem;

namespace {
fs::path environmentPath(const char* name)
{
    const char* value = std::getenv(name);
    return (value && *value) ? fs::u8path(value) : fs::path();
}
} // namespace

fs::path userZooDirectory()
{
    fs::path base = environmentPath("XDG_DATA_HOME");
    if (base.empty()) {
        const fs::path home = environmentPath("HOME");
        base = home.empty() ? fs::current_path() : home / ".local" / "share";
    }
    return base / "advlens" / "zoo";
}

std::vector<fs::path> zooSearchPath()
{
    // The variable replaces the search path, so tests and scripts see only their own zoo.
    if (fs::path fromEnvironment = environmentPath("ADVLENS_ZOO_DIR"); !fromEnvironment.empty())
        return {fromEnvironment};
    return {userZooDirectory(), fs::u8path(kBuildZooDirectory)};
}

fs::path fashionMnistDirectory()
{
    fs::path fromEnvironment = environmentPath("ADVLENS_FASHION_MNIST_DIR");
    return fromEnvironment.empty() ? fs::u8path(kFashionMnistDirectory) : fromEnvironment;
}

fs::path findDefaultModel()
{
    std::error_code ec;
    for (const fs::path& folder : zooSearchPath()) {
        fs::path candidate = folder / (std::string(kDefaultModelName) + ".json");
        if (fs::exists(candidate, ec))
            return candidate;
    }
    return {};
}

} // namespace advlens::core
