#pragma once

#include "ui/workers/attackcatalog.h"
#include "ui/workers/prediction.h"

#include <QMetaType>
#include <QString>

#include <vector>

namespace advlens::ui {

/// One attack on the image shown, as the attack panel sets it up.
struct AttackRequest {
    QString attack = defaultAttackId();    ///< a core attack name (attackregistry)
    QString norm = QStringLiteral("linf");   ///< "linf", "l2" or "l1"
    double epsilon = 0.1;                    ///< pixel units; +∞ = no budget (minimal attacks)
    int steps = 10;                          ///< iterative attacks
    int queries = 0;                         ///< query-based attacks: budget per image; ≤ 0: the attack's default
    double stepSize = 0.0;                   ///< ≤ 0: the attack's default
    bool targeted = false;
    int targetClass = -1; ///< the goal class when targeted
    /// What the attacker sees of the model: "full" (white box), "scores"
    /// (no gradients) or "label" (top-1 decision only); core::ThreatModel.
    QString threat = QStringLiteral("full");
    /// Keep every iterate with its prediction for the timeline (iterative attacks).
    bool keepIterates = true;
    quint64 seed = 0;
};

/// What an attack did to the image shown, by value (no tensors).
struct AttackOutcome {
    AttackRequest request;
    Prediction before; ///< the clean image's prediction
    Prediction after;  ///< the adversarial image (its `image`) and its prediction
    bool success = false; ///< the prediction changed (untargeted) or became the target (targeted)
    double linf = 0.0, l2 = 0.0, l1 = 0.0;
    qint64 l0 = 0;
    qint64 gradientEvaluations = 0;
    /// Query-based attacks: the model queries spent on the image, and after
    /// how many of them it was first fooled (−1: never); 0 and −1 otherwise.
    qint64 queries = 0;
    qint64 queriesToSuccess = -1;
    /// Composed attacks (AutoAttack): each stage and whether the image still
    /// held after it; a stage that had nothing left to attack has attacked = false.
    struct Stage {
        QString name;
        bool attacked = false;
        bool heldAfter = true;
        double seconds = 0.0;
    };
    std::vector<Stage> stages;
    double milliseconds = 0.0;
    bool cancelled = false;
    /// With keepIterates: the iterates in order (iterate 0 is the clean image),
    /// at most kMaxKeptIterates of them evenly spread, the last always kept.
    std::vector<Prediction> iterates;
    std::vector<int> iterateNumbers; ///< the iteration each kept iterate follows

    static constexpr int kMaxKeptIterates = 201;
};

} // namespace advlens::ui

Q_DECLARE_METATYPE(advlens::ui::AttackRequest)
Q_DECLARE_METATYPE(advlens::ui::AttackOutcome)
