#pragma once

#include "core/studies/studyrunner.h"

namespace advlens::core {

/// Transferability (Su et al. 2018, section 2 of issue 6): adversarial
/// examples made on each model of the config, by each attack, untargeted and
/// targeted, classified by every model. For N models and each attack and
/// mode, an N×N matrix, row = source, column = target:
///  - untargeted: success rate, over the images the target model classifies
///    correctly, of adversarial predictions ≠ label (the diagonal is white-box);
///  - targeted (random target per image, the same for every source): top-5
///    match rate, the share of images whose target class is among the target
///    model's five most likely (top-1 match rate beside it).
/// The first images' adversarial versions are saved as PNGs under
/// examples/<source>/<attack>/ with every model's prediction of them in the
/// results, so a cell can show what crossed over.
///
/// Settings (all optional): "attacks" (names or objects, see studysettings.h;
/// default fgsm, bim at ε = 0.1 ℓ∞ with 10 steps, cw-l2 and ead without a
/// budget), "modes" (["untargeted", "targeted"]), "examples" (8),
/// "ensembles" ([]): lists of two or more of the config's model names, e.g.
/// [["lenet-plain", "vgg-plain"]]; each is one more source row, named
/// "lenet-plain+vgg-plain", whose examples are made on the EnsembleClassifier
/// of those models (mean of their logits) and classified by every model. An
/// ensemble is a source only: the matrices have N + E rows ("sources" in the
/// results, the models first) and N columns ("models"). "white_box" (same
/// shape) marks the cells whose target helped make the images: the diagonal
/// and an ensemble's own members; transfer.csv has it as a column. The
/// transfer attacks take their settings as anywhere else, e.g.
/// {"attack": "di-fgsm", "eps": 0.1, "steps": 10, "set": {"diversity_prob": 0.5,
/// "momentum": 1}}, {"attack": "ti-fgsm", "set": {"kernel_size": 5}},
/// {"attack": "mim", "set": {"momentum": 1}}; a key the attack does not read
/// is refused.
StudyOutcome runTransferStudy(const StudyConfig& config, const StudyStore& store, const StudyRunOptions& options);

/// Its work items: one per attack and mode (untargeted, targeted), each
/// attacking on every source; each opens every model, as the whole run does.
std::vector<StudyConfig> splitTransferStudy(const StudyConfig& config);

} // namespace advlens::core
