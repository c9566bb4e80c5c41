#pragma once

#include "core/studies/studyrunner.h"

namespace advlens::core {

/// Accuracy vs robustness across architectures (Su et al. 2018, section 1 of
/// issue 6). For each model of the config, on the config's images:
///  - clean accuracy (error = 1 − accuracy) on the config's images, or on the
///    first "accuracy_images" of the split; architecture, family, parameters;
///  - "ifgsm-linf": mean minimal ℓ∞ distortion of I-FGSM (BIM), by bisection on ε;
///  - "cw-l2": mean ℓ2 distortion of C&W (no budget);
///  - "ead-l1": mean ℓ1 distortion of EAD with the L1 rule (no budget);
///  - "clever-l2", "clever-linf": mean CLEVER score of the first images;
/// means over the images the model classifies correctly and the attack fools;
///  - "autoattack" (opt-in): AutoAttack's robust accuracy at "autoattack".epsilon
///    on the config's images, with its stage table (robust accuracy after
///    APGD-CE, APGD-T, FAB-T and Square); needs models of at least 4 classes;
///  - "square-queries" (opt-in): Square's robust accuracy at the same ε and
///    norm, and its accuracy-vs-queries curve (accuracyByQueries).
/// The two are not in the default list: their cost on the built-in zoo has not
/// been measured against the ~1.5× limit on the default study's time yet.
/// Then, per metric, the fit distortion = a + b·ln(error) with its R², and the
/// Pareto frontier.
///
/// Settings (all optional): "metrics" (a subset of the five names, plus
/// "deepfool-l2"), "ifgsm_steps" (10), "bisection_rounds" (8),
/// "ifgsm_max_eps" (0.5), "cw": {attack settings, e.g. "max_iterations": 100,
/// "binary_search_steps": 5}, "ead": {…}, "minimal_images" (all of the config's),
/// "accuracy_images" (the config's), "clever_images" (20), "clever_batches" (50), "clever_samples" (128),
/// "clever_targets" ("top2"), "autoattack": {"epsilon": 0.1, "norm": "linf"
/// (or "l2"), and AutoAttack's "iterations", "target_classes", "queries"},
/// "square": {Square's settings; "queries" 1000}, "chunk_images" (10), "clever_chunk" (1).
///
/// A minimal-distortion metric is stored in parts of "chunk_images"
/// consecutive images, a CLEVER metric in parts of "clever_chunk": each part
/// keeps its images' own results (each image's draws seeded from its index),
/// and the metric is computed from all of them in image order, so the numbers
/// do not depend on which process computed which part. A chunk is attacked in
/// batches of its own images, so "chunk_images", like "batch_size", can
/// change C&W's and EAD's early abort (the reference's rule on a batch's
/// summed loss) and the last bits of the model's batched arithmetic; it is
/// part of what the parts are keyed by.
StudyOutcome runRobustnessStudy(const StudyConfig& config, const StudyStore& store, const StudyRunOptions& options);

/// Its work items: each model's clean accuracy first, then one per metric,
/// model and chunk of images, metric by metric. An item carries the internal
/// setting "work_item" that says which parts it computes.
std::vector<StudyConfig> splitRobustnessStudy(const StudyConfig& config);

/// The metrics a robustness study can measure, in display order.
const std::vector<std::string>& robustnessMetrics();

} // namespace advlens::core
