#pragma once

#include "model/modelmetadata.h"

#include <memory>
#include <string>
#include <vector>

namespace advlens::core {

class ZooNet;

struct ArchitectureInfo {
    std::string name;        ///< as written in metadata "architecture"
    std::string description; ///< one line for --help and the GUI
};

/// The architectures `advlens-cli train` can build, in display order.
const std::vector<ArchitectureInfo>& zooArchitectures();

/// A freshly initialised network (uses the global torch RNG; seed it first).
/// Throws Error for an unknown name.
std::shared_ptr<ZooNet> makeZooNet(const std::string& architecture, const InputSpec& input, std::int64_t numClasses);

} // namespace advlens::core
