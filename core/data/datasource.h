#pragma once

#include "core/data/labelledimages.h"
#include "core/model/modelmetadata.h"

#include <string>
#include <vector>

namespace advlens::core {

/// The images a command or a study evaluates on: `source` "fashion-mnist"
/// (its `split`, "test" or "train"; the model must take 28×28 grey images) or
/// a folder with one sub-folder per class of the model (by name, id or index),
/// pre-processed as the metadata says. `limit` > 0 keeps the first images.
/// Files that cannot be decoded are skipped and listed in `skipped`. Throws
/// Error naming what does not fit.
LabelledImages loadDataSource(const std::string& source, const std::string& split, std::int64_t limit,
                              const ModelMetadata& metadata, std::vector<std::string>* skipped = nullptr);

} // namespace advlens::core
