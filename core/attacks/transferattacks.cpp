#include "core/attacks/transferattacks.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackinfo.h"
#include "core/attacks/transferiterations.h"
#include "core/model/classifier.h"

namespace advlens::core {

namespace {

const AttackParameter& momentumParameter()
{
    static const AttackParameter parameter{"momentum", 0.0, 1e6, false, /*defaultValue=*/0.0,
                                           "decay mu of the accumulated gradient (0: none)"};
    return parameter;
}

const AttackParameter& resizeRateParameter()
{
    static const AttackParameter parameter{"resize_rate", 0.1, 1.0, false, /*defaultValue=*/0.9,
                                           "DI: the resized side is drawn from [rate*side, side)"};
    return parameter;
}

const AttackParameter& diDiversityParameter()
{
    static const AttackParameter parameter{"diversity_prob", 0.0, 1.0, false, /*defaultValue=*/0.5,
                                           "DI: chance per image and step of a random resize-and-pad"};
    return parameter;
}

const AttackParameter& tiDiversityParameter()
{
    static const AttackParameter parameter{"diversity_prob", 0.0, 1.0, false, /*defaultValue=*/0.0,
                                           "DI: chance per image and step of a random resize-and-pad"};
    return parameter;
}

const AttackParameter& kernelSizeParameter()
{
    static const AttackParameter parameter{"kernel_size", 1, 99, true, std::nullopt,
                                           "TI: side of the Gaussian smoothing kernel, odd (default: 15 at 299 px, "
                                           "scaled to the input, at least 3)"};
    return parameter;
}

AttackInfo transferInfo(const char* name, const char* label, const char* description)
{
    AttackInfo info;
    info.name = name;
    info.label = label;
    info.description = description;
    info.iterative = true;
    info.norms = {Norm::Linf, Norm::L2};
    return info;
}

TransferSettings sharedSettings(const AttackConfig& config, const AttackParameter& diversity)
{
    TransferSettings settings;
    settings.momentum = extraSetting(config, momentumParameter());
    settings.diversityProb = extraSetting(config, diversity);
    settings.resizeRate = extraSetting(config, resizeRateParameter());
    return settings;
}

} // namespace

AttackInfo DiFgsm::describe()
{
    AttackInfo info = transferInfo("di-fgsm", "DI-FGSM",
                                   "I-FGSM with input diversity (random resize and pad) for transfer (linf/l2)");
    info.parameters = {diDiversityParameter(), resizeRateParameter(), momentumParameter()};
    return info;
}

AttackResult DiFgsm::run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                         const RunControl& control)
{
    return runTransferIterations(classifier, input, config, sharedSettings(config, diDiversityParameter()), control);
}

AttackInfo TiFgsm::describe()
{
    AttackInfo info = transferInfo("ti-fgsm", "TI-FGSM",
                                   "translation-invariant I-FGSM: Gaussian-smoothed gradients for transfer (linf/l2)");
    info.parameters = {kernelSizeParameter(), tiDiversityParameter(), resizeRateParameter(), momentumParameter()};
    return info;
}

AttackResult TiFgsm::run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                         const RunControl& control)
{
    TransferSettings settings = sharedSettings(config, tiDiversityParameter());
    const std::int64_t side = std::min(classifier.metadata().input.height, classifier.metadata().input.width);
    settings.kernelSize = static_cast<int>(extraSetting(config, kernelSizeParameter(), defaultKernelSize(side)));
    return runTransferIterations(classifier, input, config, settings, control);
}

} // namespace advlens::core
