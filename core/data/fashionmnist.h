#pragma once

#include "core/data/labelledimages.h"

#include <filesystem>

namespace advlens::core {

enum class Split { Train, Test };

/// The ten Fashion-MNIST class names, in label order.
const std::vector<std::string>& fashionMnistClassNames();

/// Reads Fashion-MNIST from the Debian package's gzip IDX files
/// ({train,t10k}-{images-idx3,labels-idx1}-ubyte.gz) in `folder`.
/// Images become N×1×28×28 floats in [0, 1] (byte / 255). `limit` > 0 keeps
/// the first `limit` images. Throws Error naming the missing file and the
/// package to install when the data is not there.
LabelledImages loadFashionMnist(const std::filesystem::path& folder, Split split, std::int64_t limit = 0);

} // namespace advlens::core
