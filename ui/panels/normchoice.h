#pragma once

class QComboBox;

namespace advlens::ui {

struct AttackChoice;

/// Shows every norm of `norms` (item data "linf", "l2", "l1") but lets only
/// those `attack` supports be chosen, moving the choice to the first
/// supported one when the current is not; all are choosable without an
/// attack. The attack forms of the explorer, the curve panel and the gallery
/// share it.
void offerSupportedNorms(QComboBox* norms, const AttackChoice* attack);

} // namespace advlens::ui
