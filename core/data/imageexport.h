#pragma once

#include <ATen/core/Tensor.h>

#include <filesystem>
#include <string>
#include <vector>

namespace advlens::core {

/// PNG bytes of a C×H×W or 1×C×H×W image in [0, 1] (C = 1 or 3, RGB).
/// 16-bit by default so a saved adversarial image reloads within 1/65535 of
/// the tensor: 8-bit rounding can undo a perturbation smaller than 1/255.
std::string encodePng(const at::Tensor& image, int bitDepth = 16);

/// encodePng written atomically.
void savePng(const at::Tensor& image, const std::filesystem::path& path, int bitDepth = 16);

/// A viewable picture of a signed perturbation: 0.5 + δ / (2·scale), so grey
/// means "unchanged". `scale` ≤ 0 uses max|δ| (full contrast).
at::Tensor amplifiedPerturbation(const at::Tensor& delta, double scale = 0.0);

/// Raw float32 data in NumPy's .npy format (v1.0, little-endian, C order),
/// readable with numpy.load; written atomically.
void saveNpy(const at::Tensor& tensor, const std::filesystem::path& path);
/// The bytes saveNpy writes.
std::string encodeNpy(const at::Tensor& tensor);

/// An attack's result as files, all four or none (writeFilesAtomically):
/// STEM-adversarial.png (16-bit), STEM-noise.png (amplified, grey =
/// unchanged), STEM-noise.npy and STEM-adversarial.npy (raw float32). `image`
/// and `adversarial` are 1×C×H×W in [0, 1] on any device. Returns the paths.
std::vector<std::filesystem::path> writeAttackBundle(const at::Tensor& image, const at::Tensor& adversarial,
                                                     const std::filesystem::path& stem);

} // namespace advlens::core
