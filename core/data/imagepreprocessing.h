#pragma once

#include "core/model/modelmetadata.h"

#include <ATen/core/Tensor.h>
#include <opencv2/core/mat.hpp>

#include <filesystem>
#include <string_view>

namespace advlens::core {

/// Largest encoded file we accept (the largest image: maxImagePixels() in
/// imageheader.h); beyond these a photo is almost certainly a mistake and
/// decoding it would only exhaust memory.
inline constexpr std::int64_t kMaxImageFileBytes = 256LL << 20;

/// Decodes PNG, JPEG, BMP, TIFF, WebP and PBM/PGM/PPM as OpenCV reads them,
/// keeping bit depth and alpha (BGR/BGRA channel order). Throws Error for data
/// that is not one of these formats (known by its signature, before any
/// decoder sees it), is corrupt or is too large; `name` appears in the
/// message. Images whose header declares more than maxImagePixels() are
/// refused before decoding.
cv::Mat decodeImage(std::string_view bytes, const std::string& name);

/// Reads and decodes a file; works with any UTF-8 path.
cv::Mat readImageFile(const std::filesystem::path& path);

/// The one pre-processing function from a decoded image to model input:
///  1. scale to float [0, 1]: 8-bit ÷ 255, 16-bit ÷ 65535, float kept;
///  2. drop alpha (as PIL's convert("RGB") does), BGR → RGB;
///  3. match the model's channels: RGB → grey with ITU-R 601 weights, grey → RGB by copy;
///  4. resize as the policy says: stretch to H×W, or shorter side to
///     `resizeShorterSide` (default max(H, W)) then centre crop H×W, exactly
///     as torchvision's Resize + CenterCrop on float tensors (bilinear and
///     bicubic through LibTorch's interpolate, antialiased when declared;
///     area and nearest through OpenCV);
///  5. HWC → 1×C×H×W float32 tensor, clamped to [0, 1].
at::Tensor preprocessImage(const cv::Mat& decoded, const InputSpec& input, const PreprocessPolicy& policy);

/// readImageFile + preprocessImage.
at::Tensor loadImageForModel(const std::filesystem::path& path, const InputSpec& input, const PreprocessPolicy& policy);

} // namespace advlens::core
