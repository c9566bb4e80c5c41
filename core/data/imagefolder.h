#pragma once

#include "core/data/labelledimages.h"
#include "core/model/modelmetadata.h"

#include <filesystem>

namespace advlens::core {

/// A folder with one sub-folder per class ("root/<class>/<image>").
struct ImageFolderIndex {
    std::vector<std::filesystem::path> files;
    std::vector<std::int64_t> labels;
    std::vector<std::string> classNames; ///< sub-folder names, or the model's names
};

/// Lists images (by extension: png, jpg, jpeg, bmp, tif, tiff, webp, pgm, ppm)
/// in sorted order. When every sub-folder is named after one of the model's
/// classes — by name, by id (`modelClassIds`, e.g. WordNet ids such as
/// "n02510455" as ImageNet-A ships) or by index ("0", "7") — labels are the
/// model's indices and classNames the model's; otherwise sub-folders are
/// numbered in sorted order. Throws Error when the folder has no class
/// sub-folders.
ImageFolderIndex scanImageFolder(const std::filesystem::path& root,
                                 const std::vector<std::string>& modelClassNames = {},
                                 const std::vector<std::string>& modelClassIds = {});

/// `count` files spread evenly over the index (the middle one of each of
/// `count` equal stretches, in order), so a few hundred images of a sorted ImageNet-A folder cover all
/// its classes rather than the first few; the whole index when count ≤ 0 or
/// count ≥ its size.
ImageFolderIndex spreadSample(const ImageFolderIndex& index, std::int64_t count);

/// Loads up to `limit` images (0 = all) through preprocessImage. Files that
/// cannot be decoded are skipped and listed in `skipped` ("path: reason").
LabelledImages loadImageFolder(const ImageFolderIndex& index, const InputSpec& input, const PreprocessPolicy& policy,
                               std::int64_t limit, std::vector<std::string>* skipped = nullptr);

} // namespace advlens::core
