#pragma once

#include "core/attacks/attackregistry.h"
#include "ui/plots/normsymbol.h"
#include "ui/workers/attackcatalog.h"
#include "ui/workers/attackrequest.h"

#include <QCoreApplication>
#include <QLocale>
#include <QMetaType>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

namespace advlens::ui {

/// One robustness curve to compute, as the curve panel asks for it: plain
/// values the worker turns into core::evaluateRobustness (axis Epsilon),
/// core::evaluateIterations (axis Iterations) or one evaluateRobustness run
/// of a query-based attack whose accuracy-by-queries curve is the series (axis
/// Queries). Budgets are in pixel units of [0, 1] images, in the ball of `norm`.
struct CurveRequest {
    enum Axis { Epsilon, Iterations, Queries };

    int series = -1;                       ///< plot series the points belong to: echo it in CurvePointValue
    QString attack;                        ///< attack registry id, e.g. "pgd"
    QString attackLabel;                   ///< as shown, e.g. "PGD"; empty: `attack`
    QString model;                         ///< the model's name when the run was requested (for the label)
    QString norm = QStringLiteral("linf"); ///< "linf", "l2" or "l1"
    Axis axis = Epsilon;
    double epsilonFrom = 0.0;          ///< axis Epsilon: first ε
    double epsilonTo = 8.0 / 255.0;    ///< axis Epsilon: last ε (> epsilonFrom)
    int epsilonCount = 9;              ///< axis Epsilon: points, 2..50
    double fixedEpsilon = 8.0 / 255.0; ///< axes Iterations and Queries: the one ε
    std::vector<int> steps;            ///< axis Iterations: step counts, ascending, ≥ 1
    int queries = 1000;                ///< axis Queries: the attack's query budget per image
    int stepsPerAttack = 20;           ///< axis Epsilon: iterations of iterative attacks
    int images = 256;                  ///< the first `images` of the test set, or spread over the folder
    QString dataFolder;                ///< labelled images (one sub-folder per class); empty: Fashion-MNIST
    bool targeted = false;

    /// `epsilonCount` values evenly spaced from epsilonFrom to epsilonTo, both included.
    std::vector<double> epsilons() const
    {
        std::vector<double> values;
        const int n = epsilonCount < 1 ? 0 : epsilonCount;
        values.reserve(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i)
            values.push_back(n == 1 ? epsilonFrom : epsilonFrom + (epsilonTo - epsilonFrom) * i / (n - 1));
        if (n > 1)
            values.back() = epsilonTo; // exact, whatever the rounding
        return values;
    }

    /// "1,2,5, 10 20" → {1, 2, 5, 10, 20}: whole numbers 1..core::kMaxSteps separated by
    /// commas and/or spaces, returned sorted without repeats; nothing when
    /// anything else is in the text or it holds no number.
    static std::optional<std::vector<int>> parseSteps(const QString& text)
    {
        std::vector<int> steps;
        const QStringList parts = text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
        for (const QString& part : parts) {
            bool ok = false;
            const int value = part.toInt(&ok);
            if (!ok || value < 1 || value > core::kMaxSteps)
                return std::nullopt;
            steps.push_back(value);
        }
        if (steps.empty())
            return std::nullopt;
        std::sort(steps.begin(), steps.end());
        steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
        return steps;
    }

    /// The attack of every point; an ε axis sets each point's ε itself.
    AttackRequest attackRequest() const
    {
        AttackRequest request;
        request.attack = attack;
        request.norm = norm;
        request.targeted = targeted;
        request.steps = stepsPerAttack;
        request.epsilon = fixedEpsilon;
        return request;
    }

    /// Attacks that take no `steps` (their label shows no "-20"), as their description says.
    bool isSingleStep() const { return !attackIsIterative(attack); }

    /// ε as shown: "8/255" when it is a whole number of grey levels under ℓ∞, else "0.5".
    static QString epsilonText(double epsilon, const QString& norm)
    {
        const double levels = epsilon * 255.0;
        if (norm == QLatin1String("linf") && std::abs(levels - std::round(levels)) < 1e-6)
            return QStringLiteral("%1/255").arg(static_cast<int>(std::round(levels)));
        return QLocale().toString(epsilon, 'g', 3);
    }

    /// What tells this curve apart in a legend: "PGD-20 ℓ∞ · lenet-plain",
    /// "PGD ℓ∞ ε = 8/255 targeted · lenet-plain", "Square ℓ∞ ε = 8/255, 1000 queries · lenet-plain".
    QString label() const
    {
        QString text = attackLabel.isEmpty() ? attack : attackLabel;
        if (axis == Epsilon && !isSingleStep())
            text += QStringLiteral("-%1").arg(stepsPerAttack);
        text += QLatin1Char(' ') + normSymbol(norm);
        if (axis != Epsilon)
            text += QStringLiteral(" ε = %1").arg(epsilonText(fixedEpsilon, norm));
        if (axis == Queries)
            text += QStringLiteral(", ") +
                    QCoreApplication::translate("advlens::ui::CurveRequest", "%n queries", nullptr, queries);
        if (targeted)
            text += QLatin1Char(' ') + QCoreApplication::translate("advlens::ui::CurveRequest", "targeted");
        if (!model.isEmpty())
            text += QStringLiteral(" · ") + model;
        return text;
    }
};

/// One computed point of a curve, as the worker reports it (from core::CurvePoint).
struct CurvePointValue {
    int series = -1; ///< CurveRequest::series of the run it belongs to
    double x = 0.0;  ///< ε (axis Epsilon), steps (axis Iterations) or model queries (axis Queries)
    double epsilon = 0.0;
    int steps = 0;
    double accuracy = 0.0;                                               ///< robust accuracy over all images, 0..1
    double attackSuccessRate = std::numeric_limits<double>::quiet_NaN(); ///< over correctly classified images, 0..1
    qint64 successes = 0;
    double meanL2 = std::numeric_limits<double>::quiet_NaN();   ///< of successful perturbations
    double meanLinf = std::numeric_limits<double>::quiet_NaN(); ///< of successful perturbations
    qint64 images = 0;
    qint64 gradientEvaluations = 0;
    double seconds = 0.0;
};

} // namespace advlens::ui

Q_DECLARE_METATYPE(advlens::ui::CurveRequest)
Q_DECLARE_METATYPE(advlens::ui::CurvePointValue)
