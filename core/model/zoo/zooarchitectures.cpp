#include "core/model/zoo/zooarchitectures.h"

#include "core/model/zoo/densenet.h"
#include "core/model/zoo/lenet.h"
#include "core/model/zoo/mlp.h"
#include "core/model/zoo/mobilenet.h"
#include "core/model/zoo/resnet.h"
#include "core/util/error.h"
#include "core/model/zoo/vggnet.h"

#include <functional>

namespace advlens::core {

namespace {

using Factory = std::function<std::shared_ptr<ZooNet>(const InputSpec&, std::int64_t)>;

struct Entry {
    ArchitectureInfo info;
    Factory make;
};

// Sizes are chosen so that the whole plain zoo trains in about an hour on 2
// cores (65-75 min measured, docs/results.md); "-large" is 2-4x the base's compute.
const std::vector<Entry>& entries()
{
    static const std::vector<Entry> table = {
        {{"mlp", "mlp", "base", "fully connected 256-128 (ReLU)"},
         [](const InputSpec& in, std::int64_t k) { return std::make_shared<Mlp>(in, k); }},
        {{"mlp-large", "mlp", "large", "fully connected 1024-512-256 (ReLU)"},
         [](const InputSpec& in, std::int64_t k) {
             return std::make_shared<Mlp>(in, k, std::vector<std::int64_t>{1024, 512, 256});
         }},
        {{"lenet", "lenet", "base", "LeNet-style CNN: conv5x5 32, conv5x5 64, fc 256"},
         [](const InputSpec& in, std::int64_t k) { return std::make_shared<LeNet>(in, k); }},
        {{"lenet-large", "lenet", "large", "wider LeNet: conv5x5 48, conv5x5 96, fc 512"},
         [](const InputSpec& in, std::int64_t k) {
             return std::make_shared<LeNet>(in, k, LeNetShape{/*conv1=*/48, /*conv2=*/96, /*fc=*/512});
         }},
        {{"vgg", "vgg", "base", "small VGG: 2x(conv3x3 32) 2x(conv3x3 64) with BN, fc 256"},
         [](const InputSpec& in, std::int64_t k) { return std::make_shared<VggNet>(in, k); }},
        {{"vgg-large", "vgg", "large", "VGG: 2x(conv3x3 32) 2x(conv3x3 64) 2x(conv3x3 128) with BN, fc 1024"},
         [](const InputSpec& in, std::int64_t k) {
             return std::make_shared<VggNet>(in, k, std::vector<std::int64_t>{32, 64, 128}, /*fcWidth=*/1024);
         }},
        {{"resnet", "resnet", "base", "small ResNet: 3 basic blocks (16, 32, 64), global pool"},
         [](const InputSpec& in, std::int64_t k) { return std::make_shared<ResNet>(in, k); }},
        {{"resnet-large", "resnet", "large", "ResNet: 7 basic blocks in 4 stages (16, 32x2, 64x2, 128x2), global pool"},
         [](const InputSpec& in, std::int64_t k) {
             return std::make_shared<ResNet>(in, k, ResNetShape{{16, 32, 64, 128}, {1, 2, 2, 2}});
         }},
        {{"densenet", "densenet", "base",
          "small DenseNet: growth 12, 2 dense blocks of 4 BN-ReLU-conv3x3, transitions"},
         [](const InputSpec& in, std::int64_t k) { return std::make_shared<DenseNet>(in, k); }},
        {{"densenet-large", "densenet", "large",
          "DenseNet: growth 12, 3 dense blocks of 6 BN-ReLU-conv3x3, transitions"},
         [](const InputSpec& in, std::int64_t k) {
             return std::make_shared<DenseNet>(in, k, DenseNetShape{/*growth=*/12, /*stem=*/24, {6, 6, 6}});
         }},
        {{"mobilenet", "mobilenet", "base",
          "small MobileNetV2: inverted residuals, depthwise 3x3 (16, 24, 48), head 128"},
         [](const InputSpec& in, std::int64_t k) { return std::make_shared<MobileNet>(in, k); }},
        {{"mobilenet-large", "mobilenet", "large",
          "MobileNetV2: inverted residuals x6, depthwise 3x3 (16, 24, 32, 64), head 256"},
         [](const InputSpec& in, std::int64_t k) {
             MobileNetShape shape;
             shape.stem = 24;
             shape.stages = {{1, 16, 1, 2}, {6, 24, 2, 2}, {6, 32, 2, 1}, {6, 64, 2, 1}};
             shape.head = 256;
             return std::make_shared<MobileNet>(in, k, shape);
         }},
    };
    return table;
}

const Entry* find(const std::string& architecture)
{
    for (const Entry& entry : entries())
        if (entry.info.name == architecture)
            return &entry;
    return nullptr;
}

} // namespace

const std::vector<ArchitectureInfo>& zooArchitectures()
{
    static const std::vector<ArchitectureInfo> architectures = [] {
        std::vector<ArchitectureInfo> list;
        for (const Entry& entry : entries())
            list.push_back(entry.info);
        return list;
    }();
    return architectures;
}

std::string zooFamily(const std::string& architecture)
{
    const Entry* entry = find(architecture);
    return entry ? entry->info.family : std::string();
}

std::shared_ptr<ZooNet> makeZooNet(const std::string& architecture, const InputSpec& input, std::int64_t numClasses)
{
    if (const Entry* entry = find(architecture))
        return entry->make(input, numClasses);
    std::string known;
    for (const auto& info : zooArchitectures())
        known += (known.empty() ? "" : ", ") + info.name;
    throw Error("unknown architecture \"" + architecture + "\" (known: " + known + ")");
}

} // namespace advlens::core
