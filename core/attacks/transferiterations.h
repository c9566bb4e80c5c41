#pragma once

#include "core/attacks/attack.h"
#include "core/attacks/attackparameters.h"

#include <ATen/core/Tensor.h>

namespace advlens::core {

class ImageStreams;

/// What the transfer-enhancing variants of I-FGSM change (DI-FGSM, TI-FGSM,
/// with MI-FGSM's momentum): where the gradient is taken and how it is
/// smoothed before the step.
struct TransferSettings {
    double momentum = 0.0;       ///< μ of MI-FGSM on ℓ1-normalised gradients; 0: none
    double diversityProb = 0.0;  ///< DI: chance per image and step of a random resize-and-pad
    double resizeRate = 0.9;     ///< DI: the resized side is drawn from [rate·side, side)
    int kernelSize = 1;          ///< TI: side of the Gaussian kernel (odd); 1: no smoothing
    double kernelSigmas = 3.0;   ///< TI: the kernel spans ±this many standard deviations
};

/// I-FGSM on a surrogate, for transfer (Kurakin et al. 2017; Dong et al. 2018;
/// Xie et al. 2019; Dong et al. 2019): from x, `steps` times: the gradient of
/// the cross-entropy at T(x_t) (T: DI's random resize-and-pad, or identity),
/// convolved with TI's Gaussian kernel channel by channel, accumulated with
/// momentum, then a step of α (default ε/steps) along its sign (ℓ∞) or its
/// unit ℓ2 direction, projected into the ε-ball and the box. The last iterate
/// is the result (no early stop: stopping as soon as the surrogate is fooled
/// transfers worse). Each image draws its DI transforms from its own stream.
/// `steps` gradient evaluations per image.
AttackResult runTransferIterations(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                                   const TransferSettings& settings, const RunControl& control);

/// TI's kernel: the outer product of a standard normal density sampled at
/// `size` points evenly spread over [−sigmas, sigmas], normalised to sum 1
/// (Dong et al. 2019's gkern). size×size, float.
at::Tensor translationKernel(int size, double sigmas);

/// DI's transform of each image of x (N×C×H×W), differentiably: with
/// probability `probability`, a bilinear resize to h×w, h drawn from
/// [⌊rate·H⌋, H) (w likewise from W), placed at a random offset on a black
/// H×W canvas; otherwise the image itself. Draws come from `streams` rows
/// `rows` (one per image).
at::Tensor diverseInputs(const at::Tensor& x, const at::Tensor& rows, double probability, double rate,
                         ImageStreams& streams);

/// TI's default kernel side for images of side `side`: the papers' 15 at
/// ImageNet's 299, scaled to the image (odd, at least 3): 3 for 28×28.
int defaultKernelSize(std::int64_t side);

} // namespace advlens::core
