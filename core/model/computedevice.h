#pragma once

#include <c10/core/Device.h>

#include <string>

namespace advlens::core {

/// "cpu", "cuda", "cuda:N" or "auto" (CUDA when LibTorch has it and a GPU is
/// present, else CPU). Throws Error for CUDA requests this build cannot serve.
c10::Device resolveDevice(const std::string& name);

/// Whether this LibTorch build can run on a GPU right now.
bool cudaAvailable();

/// GPUs this LibTorch build sees (0 without CUDA).
int cudaDeviceCount();

/// Sets LibTorch's intra-op thread count: `threads` ≤ 0 means all cores.
/// Returns the count in force. LibTorch otherwise starts with one thread.
int configureThreads(int threads);

} // namespace advlens::core
