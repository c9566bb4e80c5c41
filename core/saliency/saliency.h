#pragma once

#include "core/util/runcontrol.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

namespace advlens::core {

class Classifier;

/// Where a classifier "looks": attribution of one class's logit to the pixels.
enum class SaliencyMethod {
    Gradient,            ///< ∂logit/∂x (Simonyan et al. 2014)
    SmoothGrad,          ///< mean gradient over noisy copies of x (Smilkov et al. 2017)
    IntegratedGradients, ///< (x − baseline) ⊙ mean gradient along the straight path (Sundararajan et al. 2017)
    GradCam,             ///< gradient-weighted feature map of a conv layer (Selvaraju et al. 2017)
};

/// "gradient", "smoothgrad", "integrated-gradients", "grad-cam".
std::string toString(SaliencyMethod method);
/// The inverse of toString (case-sensitive); throws Error naming the known methods.
SaliencyMethod parseSaliencyMethod(const std::string& name);
/// All methods, in display order.
const std::vector<SaliencyMethod>& saliencyMethods();

struct SaliencyConfig {
    SaliencyMethod method = SaliencyMethod::Gradient;
    std::int64_t targetClass = -1; ///< the logit explained; −1: the predicted class
    int samples = 25;              ///< SmoothGrad: noisy copies, ≥ 1
    /// SmoothGrad: σ of the Gaussian noise as a fraction of the pixel range
    /// [0, 1], i.e. in pixel units; ≥ 0. Noisy copies are not clipped.
    double noiseLevel = 0.15;
    int steps = 32; ///< Integrated Gradients: midpoint Riemann steps, ≥ 1
    /// Integrated Gradients: 1×C×H×W in [0, 1]; undefined = a black image (zeros).
    at::Tensor baseline;
    /// Grad-CAM: a name from Classifier::featureLayers() (or, for TorchScript
    /// models, any submodule such as "layer4" or "features.7"); empty = the
    /// first of featureLayers().
    std::string layer;
    std::uint64_t seed = 0; ///< SmoothGrad noise; equal seeds give equal maps
};

struct SaliencyMap {
    /// Signed raw attribution, float, CPU. Gradient/SmoothGrad/IG: C×H×W like
    /// the image. Grad-CAM: 1×H×W, the map Σₖ αₖ·Aᵏ before its ReLU,
    /// bilinearly upsampled from the layer's h×w to the image's H×W.
    at::Tensor attribution;
    /// H×W float in [0, 1], CPU, for display. Gradient/SmoothGrad/IG:
    /// maxᶜ |attribution| divided by its maximum. Grad-CAM: ReLU(attribution)
    /// divided by its maximum. All zeros when that maximum is 0.
    at::Tensor heat;
    std::int64_t targetClass = -1; ///< the class explained (resolved when −1 was asked)
    std::string layer;             ///< Grad-CAM: the layer used; empty otherwise
    /// Integrated Gradients: |Σ attribution − (f(x) − f(baseline))| for the
    /// target logit f; shrinks as steps grow. 0 for the other methods, NaN
    /// when cancelled.
    double completenessGap = 0;
    /// Stopped early by the cancellation token. The maps then hold a partial
    /// result (SmoothGrad: the mean of the samples drawn so far; IG: the path
    /// covered so far); a GUI that abandons the request should drop them.
    bool cancelled = false;
};

/// Saliency of `image` (1×C×H×W float in [0, 1], the classifier's input size,
/// finite) for config.targetClass. The explained quantity is the class's raw
/// logit. Runs on the classifier's device and returns CPU tensors.
///
/// SmoothGrad and IG evaluate the model in chunks of up to 8 images (1 for
/// ImageNet-sized inputs, see saliencycommon.h); progress
/// is reported as (samples or steps done, total) after each chunk, and
/// cancellation is checked before each chunk (see SaliencyMap::cancelled).
/// Gradient and Grad-CAM are one pass each and report (1, 1).
///
/// Throws Error for a bad image (shape, NaN/∞, out of [0, 1]), a bad setting,
/// a target outside [0, K), or, for Grad-CAM, a model without feature layers
/// (an MLP) or an unknown layer. Grad mode is enabled inside, so it may be
/// called under a NoGradGuard; call from the thread that owns the classifier.
SaliencyMap computeSaliency(Classifier& classifier, const at::Tensor& image, const SaliencyConfig& config,
                            const RunControl& control = {});

/// Grad-CAM layer candidates for a layer picker, the default first
/// (Classifier::featureLayers()); empty when Grad-CAM is not available.
std::vector<std::string> gradCamLayers(Classifier& classifier);

} // namespace advlens::core
