#pragma once

#include "app/cli/commandline.h"

#include "core/data/labelledimages.h"
#include "core/model/classifier.h"

#include <filesystem>
#include <memory>

namespace advlens::cli {

/// Applies --threads and resolves --device; returns the device to use.
c10::Device setUpRuntime(const CommandLine& line);

/// --model, or the default zoo model's path when none is given (with a hint
/// on how to train it when it is missing).
std::filesystem::path modelPath(const CommandLine& line);

/// Opens --model, or the default zoo model when none is given (with a hint on
/// how to train it when it is missing).
std::unique_ptr<core::Classifier> openModel(const CommandLine& line, c10::Device device);

/// Throws UsageError when writing PREFIX.json (the --out of eval and minimal)
/// would replace a model's metadata file, so a report cannot destroy a model.
void refuseToOverwriteModel(const std::string& prefix);

/// --limit: the number of images to use, 0 for all.
std::int64_t imageLimit(const CommandLine& line);

/// "fashion-mnist" (with --split) or a folder of class sub-folders.
core::LabelledImages loadDataset(const std::string& source, const std::string& split, std::int64_t limit,
                                 const core::Classifier& classifier);

/// --strict: any image with NaN or infinite logits makes the command fail.
OptionSpec strictOption();

/// Says on stdout how many images gave NaN or infinite logits and that they
/// are left out of the numbers; throws core::Error when that is every image,
/// or any image under --strict.
void reportNonFinite(const std::vector<std::int64_t>& indices, std::int64_t total, const CommandLine& line);

/// Prints "  1. Ankle boot   97.31 %" lines for one image's logits.
void printTopK(const at::Tensor& logits, const std::vector<std::string>& classNames, int k, const std::string& title);

} // namespace advlens::cli
