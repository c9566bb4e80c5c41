#pragma once

#include <filesystem>
#include <vector>

namespace advlens::core {

/// $XDG_DATA_HOME/advlens/zoo (or ~/.local/share/advlens/zoo): where
/// `advlens-cli train` puts models unless told otherwise.
std::filesystem::path userZooDirectory();

/// Folders searched for zoo models, first match wins: the user's zoo, then
/// the build tree's zoo (made by the set-up script); $ADVLENS_ZOO_DIR, when
/// set, is searched instead of both.
std::vector<std::filesystem::path> zooSearchPath();

/// Fashion-MNIST folder: $ADVLENS_FASHION_MNIST_DIR or the Debian package's.
std::filesystem::path fashionMnistDirectory();

/// Metadata file of the model the GUI and CLI open when none is named.
/// Returns an empty path when no zoo folder has it.
std::filesystem::path findDefaultModel();

/// Name (file stem) of the default model.
inline constexpr const char* kDefaultModelName = "lenet-plain";

} // namespace advlens::core
