#pragma once

namespace advlens::core {

/// Hands the memory malloc keeps after a long job back to the system. glibc
/// keeps the freed pages inside its arenas (one per worker thread) and trims
/// only their tops, so after a curve, gallery or study over hundreds of
/// images the process stayed hundreds of MB larger than what it used (the
/// GUI soak: RSS +256 MB with +15 MB in use). Call it when a job ends, not in
/// loops: it walks every arena. A no-op where the C library is not glibc.
void returnFreedMemory();

} // namespace advlens::core
