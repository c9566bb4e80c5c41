#pragma once

#include "core/model/modelmetadata.h"

#include <memory>
#include <string>
#include <vector>

namespace advlens::core {

class ZooNet;

struct ArchitectureInfo {
    std::string name;        ///< as written in metadata "architecture"
    std::string family;      ///< "mlp", "lenet", "vgg", "resnet", "densenet" or "mobilenet"
    std::string size;        ///< "base" (named after the family) or "large" ("<family>-large")
    std::string description; ///< one line for --help and the GUI
};

/// The architectures `advlens-cli train` can build, in display order: each
/// family's base size, then its large one.
const std::vector<ArchitectureInfo>& zooArchitectures();

/// The family of a zoo architecture (e.g. "resnet" for "resnet-large"); an
/// empty string for a name that is not one (TorchScript models, say).
std::string zooFamily(const std::string& architecture);

/// A freshly initialised network (uses the global torch RNG; seed it first).
/// Throws Error for an unknown name.
std::shared_ptr<ZooNet> makeZooNet(const std::string& architecture, const InputSpec& input, std::int64_t numClasses);

} // namespace advlens::core
