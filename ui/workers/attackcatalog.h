#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace advlens::ui {

/// A core attack as the attack forms offer it: a copy of its core
/// description (core::AttackInfo) in Qt types, so widgets need no core header.
struct AttackChoice {
    QString id;          ///< the core name, e.g. "pgd"
    QString label;       ///< display name, translated
    QString description; ///< one line for the tool tip (core's English text)
    bool iterative = false;
    bool minimal = false;       ///< searches the smallest perturbation; may run without a budget
    bool needsGradients = true; ///< off for models without input gradients
    bool fastSweep = false;     ///< a new ε costs one forward pass: worth attacking on every slider step
    QStringList norms;          ///< "linf", "l2", "l1": the norms its budget may be in
    int maxSteps = 1;           ///< the most steps it accepts (1 when not iterative)
    /// Query-based (black-box) attacks: the query budget per image they use
    /// by default, and the most they accept; 0 for attacks that take gradients.
    int defaultQueries = 0;
    int maxQueries = 0;

    bool isQueryBased() const { return defaultQueries > 0; }

    bool supports(const QString& norm) const { return norms.contains(norm); }
};

/// Every attack core offers, in core's order (attackregistry.h).
QList<AttackChoice> attackCatalog();

/// The core name of the attack forms start with (core::defaultAttack()).
QString defaultAttackId();

/// Whether the named attack reads steps (core::AttackInfo::iterative); false
/// for unknown names.
bool attackIsIterative(const QString& id);

/// Whether the named attack is query-based (AttackChoice::isQueryBased);
/// false for unknown names.
bool attackIsQueryBased(const QString& id);

} // namespace advlens::ui
