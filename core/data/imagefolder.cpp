#include "core/data/imagefolder.h"

#include "core/data/imagepreprocessing.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace advlens::core {

namespace fs = std::filesystem;

namespace {

bool isImageFile(const fs::path& path)
{
    static const std::set<std::string> extensions = {".png",  ".jpg",  ".jpeg", ".bmp", ".tif",
                                                     ".tiff", ".webp", ".pgm",  ".ppm"};
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extensions.count(extension) > 0;
}

} // namespace

ImageFolderIndex scanImageFolder(const fs::path& root, const std::vector<std::string>& modelClassNames,
                                 const std::vector<std::string>& modelClassIds)
{
    std::error_code ec;
    if (!fs::is_directory(root, ec))
        throw Error("image folder not found: '" + root.u8string() + "'");
    std::vector<fs::path> classFolders;
    for (const auto& entry : fs::directory_iterator(root, ec))
        if (entry.is_directory())
            classFolders.push_back(entry.path());
    if (classFolders.empty())
        throw Error("'" + root.u8string() + "' has no class sub-folders (expected root/<class>/<image>)");
    std::sort(classFolders.begin(), classFolders.end());

    const auto classes = static_cast<std::int64_t>(modelClassNames.size());
    auto modelIndexOf = [&](const std::string& name) -> std::int64_t {
        const auto found = std::find(modelClassNames.begin(), modelClassNames.end(), name);
        if (found != modelClassNames.end())
            return found - modelClassNames.begin();
        const auto foundId = std::find(modelClassIds.begin(), modelClassIds.end(), name);
        if (foundId != modelClassIds.end())
            return foundId - modelClassIds.begin();
        // Folders may also be named by class index ("0", "1", … as many exports do).
        if (!name.empty() && name.size() < 10 &&
            std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isdigit(c); })) {
            const std::int64_t index = std::stoll(name);
            return index < classes ? index : -1;
        }
        return -1;
    };
    const bool byModelClasses =
        classes > 0 && std::all_of(classFolders.begin(), classFolders.end(), [&](const fs::path& folder) {
            return modelIndexOf(folder.filename().u8string()) >= 0;
        });

    ImageFolderIndex index;
    index.classNames = byModelClasses ? modelClassNames : std::vector<std::string>{};
    for (std::size_t i = 0; i < classFolders.size(); ++i) {
        const std::string name = classFolders[i].filename().u8string();
        std::int64_t label = static_cast<std::int64_t>(i);
        if (byModelClasses)
            label = modelIndexOf(name);
        else
            index.classNames.push_back(name);
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(classFolders[i], ec))
            if (entry.is_regular_file() && isImageFile(entry.path()))
                files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (auto& file : files) {
            index.files.push_back(std::move(file));
            index.labels.push_back(label);
        }
    }
    return index;
}

ImageFolderIndex spreadSample(const ImageFolderIndex& index, std::int64_t count)
{
    const auto size = static_cast<std::int64_t>(index.files.size());
    if (count <= 0 || count >= size)
        return index;
    ImageFolderIndex sample;
    sample.classNames = index.classNames;
    for (std::int64_t i = 0; i < count; ++i) {
        const auto chosen = static_cast<std::size_t>((2 * i + 1) * size / (2 * count)); // the middle of each stretch
        sample.files.push_back(index.files[chosen]);
        sample.labels.push_back(index.labels[chosen]);
    }
    return sample;
}

LabelledImages loadImageFolder(const ImageFolderIndex& index, const InputSpec& input, const PreprocessPolicy& policy,
                               std::int64_t limit, std::vector<std::string>* skipped)
{
    std::vector<at::Tensor> images;
    std::vector<std::int64_t> labels;
    for (std::size_t i = 0; i < index.files.size(); ++i) {
        if (limit > 0 && static_cast<std::int64_t>(images.size()) >= limit)
            break;
        try {
            images.push_back(loadImageForModel(index.files[i], input, policy));
            labels.push_back(index.labels[i]);
        } catch (const Error& e) {
            if (skipped)
                skipped->push_back(index.files[i].u8string() + ": " + e.what());
        }
    }
    if (images.empty())
        throw Error("no readable images in the folder");
    LabelledImages set;
    set.images = at::cat(images, 0);
    set.labels = at::tensor(labels, at::kLong);
    set.classNames = index.classNames;
    return set;
}

} // namespace advlens::core
