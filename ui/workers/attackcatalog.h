#pragma once

#include <QList>
#include <QString>

namespace advlens::ui {

/// A core attack as the attack panel offers it.
struct AttackChoice {
    QString id;          ///< the core name, e.g. "pgd"
    QString label;       ///< display name, translated
    QString description; ///< one line for the tool tip (core's English text)
    bool iterative = false;
    bool minimal = false; ///< searches the smallest perturbation; may run without a budget
    bool needsGradients = true; ///< off for models without input gradients
    bool supportsL1 = true;
    bool supportsLinf = true;
};

/// Every attack core offers, in core's order (attackregistry.h).
QList<AttackChoice> attackCatalog();

} // namespace advlens::ui
