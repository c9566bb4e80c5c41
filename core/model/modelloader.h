#pragma once

#include "core/model/classifier.h"

#include <filesystem>
#include <memory>

namespace advlens::core {

/// Opens a model from its metadata JSON, or from a weights file that has a
/// JSON of the same stem beside it, moves it to `device` and validates it with
/// a probe batch: the output must be N×K with K = number of class names, the
/// declared input shape must be accepted, and the logits must be finite.
/// Every failure throws Error with one line saying what is wrong. A model
/// that predicts but has no input gradient (one probe backward) still opens,
/// with Classifier::inputGradientSupport() saying why; gradient attacks,
/// CLEVER and saliency refuse it.
std::unique_ptr<Classifier> loadClassifier(const std::filesystem::path& path,
                                           c10::Device device = c10::Device(c10::kCPU));

/// The probe used by loadClassifier, for models built in memory.
void validateClassifier(Classifier& classifier);

} // namespace advlens::core
