#include "core/data/fashionmnist.h"

#include "core/data/idxfile.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

namespace advlens::core {

namespace fs = std::filesystem;

const std::vector<std::string>& fashionMnistClassNames()
{
    static const std::vector<std::string> names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                   "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return names;
}

LabelledImages loadFashionMnist(const fs::path& folder, Split split, std::int64_t limit)
{
    const std::string prefix = split == Split::Train ? "train" : "t10k";
    const fs::path imagesPath = folder / (prefix + "-images-idx3-ubyte.gz");
    const fs::path labelsPath = folder / (prefix + "-labels-idx1-ubyte.gz");
    std::error_code ec;
    for (const fs::path& p : {imagesPath, labelsPath})
        if (!fs::exists(p, ec))
            throw Error("Fashion-MNIST file missing: '" + p.u8string() +
                        "' (install the Debian package dataset-fashion-mnist or set ADVLENS_FASHION_MNIST_DIR)");

    const IdxArray images = readIdxFile(imagesPath, limit);
    const IdxArray labels = readIdxFile(labelsPath, limit);
    if (images.dims.size() != 3 || labels.dims.size() != 1 || images.dims[0] != labels.dims[0])
        throw Error("Fashion-MNIST files in '" + folder.u8string() + "' do not match (image and label counts differ)");

    const std::int64_t n = images.dims[0];
    LabelledImages set;
    set.images =
        at::from_blob(const_cast<std::uint8_t*>(images.data.data()), {n, 1, images.dims[1], images.dims[2]}, at::kByte)
            .to(at::kFloat)
            .div_(255.0);
    set.labels = at::from_blob(const_cast<std::uint8_t*>(labels.data.data()), {n}, at::kByte).to(at::kLong);
    if (n > 0 && set.labels.max().item<std::int64_t>() >= 10)
        throw Error("'" + labelsPath.u8string() + "' has labels outside 0..9");
    set.classNames = fashionMnistClassNames();
    return set;
}

} // namespace advlens::core
