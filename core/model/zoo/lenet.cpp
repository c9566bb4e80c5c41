#include "core/model/zoo/lenet.h"

#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/pooling.h>

namespace advlens::core {

namespace F = torch::nn::functional;

LeNet::LeNet(const InputSpec& input, std::int64_t numClasses, const LeNetShape& shape)
{
    m_conv1 = register_module("conv1",
                              torch::nn::Conv2d(torch::nn::Conv2dOptions(input.channels, shape.conv1, 5).padding(2)));
    m_conv2 =
        register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(shape.conv1, shape.conv2, 5).padding(2)));
    // Flattened size for this input resolution, found once with a dummy pass.
    const auto flattened = features(torch::zeros({1, input.channels, input.height, input.width}), nullptr).size(1);
    m_fc1 = register_module("fc1", torch::nn::Linear(flattened, shape.fc));
    m_fc2 = register_module("fc2", torch::nn::Linear(shape.fc, numClasses));
}

torch::Tensor LeNet::features(torch::Tensor x, FeatureTap* tap)
{
    x = torch::relu(m_conv1(x));
    if (tap)
        tap->offer("conv1", x);
    x = torch::relu(m_conv2(F::max_pool2d(x, F::MaxPool2dFuncOptions(2))));
    if (tap)
        tap->offer("conv2", x);
    return F::max_pool2d(x, F::MaxPool2dFuncOptions(2)).flatten(1);
}

torch::Tensor LeNet::forwardTapped(torch::Tensor x, FeatureTap* tap)
{
    return m_fc2(torch::relu(m_fc1(features(x, tap))));
}

} // namespace advlens::core
