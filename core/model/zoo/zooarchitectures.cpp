#include "zooarchitectures.h"

#include "lenet.h"
#include "mlp.h"
#include "resnet.h"
#include "util/error.h"
#include "vggnet.h"

namespace advlens::core {

const std::vector<ArchitectureInfo>& zooArchitectures()
{
    static const std::vector<ArchitectureInfo> architectures = {
        {"mlp", "fully connected 256-128 (ReLU)"},
        {"lenet", "LeNet-style CNN: conv5x5 32, conv5x5 64, fc 256"},
        {"vgg", "small VGG: 2x(conv3x3 32) 2x(conv3x3 64) with BN, fc 256"},
        {"resnet", "small ResNet: 3 basic blocks (16, 32, 64), global pool"},
    };
    return architectures;
}

std::shared_ptr<ZooNet> makeZooNet(const std::string& architecture, const InputSpec& input, std::int64_t numClasses)
{
    if (architecture == "mlp")
        return std::make_shared<Mlp>(input, numClasses);
    if (architecture == "lenet")
        return std::make_shared<LeNet>(input, numClasses);
    if (architecture == "vgg")
        return std::make_shared<VggNet>(input, numClasses);
    if (architecture == "resnet")
        return std::make_shared<ResNet>(input, numClasses);
    std::string known;
    for (const auto& info : zooArchitectures())
        known += (known.empty() ? "" : ", ") + info.name;
    throw Error("unknown architecture \"" + architecture + "\" (known: " + known + ")");
}

} // namespace advlens::core
