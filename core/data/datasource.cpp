#include "core/data/datasource.h"

#include "core/data/fashionmnist.h"
#include "core/data/imagefolder.h"
#include "core/util/datapaths.h"
#include "core/util/error.h"

#include <algorithm>

namespace advlens::core {

LabelledImages loadDataSource(const std::string& source, const std::string& split, std::int64_t limit,
                              const ModelMetadata& metadata, std::vector<std::string>* skipped)
{
    if (source == "fashion-mnist") {
        if (split != "test" && split != "train")
            throw Error("the Fashion-MNIST split must be test or train (got \"" + split + "\")");
        const InputSpec& in = metadata.input;
        if (in.channels != 1 || in.height != 28 || in.width != 28)
            throw Error("model '" + metadata.name + "' does not take 28×28 grey images");
        return loadFashionMnist(fashionMnistDirectory(), split == "train" ? Split::Train : Split::Test, limit);
    }
    const ImageFolderIndex index =
        scanImageFolder(std::filesystem::u8path(source), metadata.classNames, metadata.classIds);
    if (index.classNames != metadata.classNames) {
        // Checked before decoding anything: name the first folder that is no class of the model.
        for (const std::string& folder : index.classNames)
            if (std::find(metadata.classNames.begin(), metadata.classNames.end(), folder) ==
                    metadata.classNames.end() &&
                std::find(metadata.classIds.begin(), metadata.classIds.end(), folder) == metadata.classIds.end())
                throw Error("sub-folder '" + folder + "' is none of model '" + metadata.name +
                            "''s classes (name each sub-folder after a class, its id or its index)");
        throw Error("folder class names do not match the model's classes");
    }
    return loadImageFolder(index, metadata.input, metadata.preprocess, limit, skipped);
}

} // namespace advlens::core
