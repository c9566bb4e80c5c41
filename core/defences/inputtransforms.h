#pragma once

#include <ATen/core/Tensor.h>

#include <string>

namespace advlens::core {

/// An input-transformation "defence" applied to images before the model
/// (Guo et al. 2018; Xu et al. 2018 feature squeezing). Both are piecewise
/// constant in the pixels, so their true gradient is zero almost everywhere:
/// the textbook obfuscated gradient of Athalye et al. (ICML 2018).
struct InputDefence {
    enum class Kind { Jpeg, BitDepth };
    Kind kind = Kind::BitDepth;
    /// Jpeg: the encoder's quality, 1–100. BitDepth: bits kept per value, 1–8.
    int level = 8;
};

/// Parses "jpeg:Q" (Q = 1..100) or "bits:B" (B = 1..8), case-insensitive,
/// e.g. "jpeg:75", "bits:3". Throws Error naming the accepted forms.
InputDefence parseInputDefence(const std::string& spec);

/// "jpeg:75" / "bits:3", what parseInputDefence() reads back.
std::string toString(const InputDefence& defence);

/// round(x·(2^bits − 1)) / (2^bits − 1) on N×C×H×W (any shape) float values
/// in [0, 1] (clamped there first). Built from at::round, so it stays on the
/// autograd graph with a gradient of exactly zero. bits 1..8, else Error.
at::Tensor reduceBitDepth(const at::Tensor& pixels, int bits);

/// Each image of an N×C×H×W float batch in [0, 1] (C = 1 grey or 3 RGB)
/// quantised to 8 bits, encoded as JPEG at `quality` (OpenCV imencode, RGB
/// handed over as BGR) and decoded again; returns a new float32 tensor on the
/// input's device with values k/255. Not differentiable: the result is off the
/// autograd graph. Throws Error for another shape or quality outside 1..100.
at::Tensor jpegRecompress(const at::Tensor& pixels, int quality);

/// The defence's transform T(x) as defined above (JPEG detached, bits on the
/// graph with zero gradient).
at::Tensor applyInputDefence(const InputDefence& defence, const at::Tensor& pixels);

} // namespace advlens::core
