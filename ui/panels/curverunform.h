#pragma once

#include "ui/workers/attackcatalog.h"
#include "ui/workers/curverequest.h"

#include <QColor>
#include <QList>
#include <QStringList>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace advlens::ui {

class CurveDataSource;

/// The controls of one robustness-curve run (the curve panel's left column):
/// attack, norm, accuracy vs ε, vs iterations or (query-based attacks only) vs
/// model queries with the inputs of that axis, data, images, targeted. ε is
/// shown in grey levels (k/255) under ℓ∞ and in pixel units otherwise;
/// validatedRequest() turns the controls into a request and puts each
/// complaint next to its input.
class CurveRunForm : public QWidget {
    Q_OBJECT

public:
    /// Mid-tone red, readable on light and dark palettes: the form's complaints
    /// and the panel's failed status.
    static inline const QColor kErrorColour{214, 69, 69};

    /// The x axis the next run will have, as the controls stand (unchecked):
    /// ε from "From" to "To" in pixel units, the fewest to the most steps
    /// of the list (0, 0 when it cannot be read), or 1 to the query budget.
    struct PlannedAxis {
        CurveRequest::Axis axis = CurveRequest::Epsilon;
        double lower = 0.0;
        double upper = 0.0;
        bool greyLevels = true; ///< ε under ℓ∞, which reads in grey levels (k/255)
    };

    explicit CurveRunForm(QWidget* parent = nullptr);

    /// The attacks to offer, from their descriptions (attackCatalog()): each
    /// one's label, whether it needs input gradients, and the norms and steps
    /// it takes (the others are greyed out while it is chosen).
    void setAttacks(const QList<AttackChoice>& attacks);
    /// Off for a model that gives no input gradients: the attacks that need
    /// them are greyed out and a run of one is refused with `reason`.
    void setGradientsAvailable(bool available, const QString& reason = {});
    /// The model the requests name.
    void setModelName(const QString& name) { m_modelName = name; }
    /// Whether the Fashion-MNIST test set is offered as data (CurveDataSource).
    void setFashionMnistOffered(bool offered);
    CurveDataSource* dataSource() const { return m_data; }
    /// The request the controls describe, or nothing when an input is wrong
    /// (the message is then shown next to that input).
    std::optional<CurveRequest> validatedRequest();
    PlannedAxis plannedAxis() const;

Q_SIGNALS:
    /// The axis, the norm, the ε range or the step list changed.
    void plannedAxisChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildControls();
    void retranslate();
    void showAxisInputs();
    void applyNormInputs(int index);
    void updateEpsilonHints();
    void applyHintPalette();
    void showError(QLabel* label, const QString& message);
    void applyGradientAvailability();
    void applyAttackDescription();
    /// Accuracy vs queries only for a query-based attack; otherwise back to ε.
    void offerQueriesAxis(const AttackChoice* attack);
    bool attackUsable(const QString& id) const;
    const AttackChoice* chosenAttack() const; ///< null before setAttacks

    QComboBox* m_attack;
    QComboBox* m_norm;
    QComboBox* m_axis;
    QDoubleSpinBox* m_epsilonFrom;
    QDoubleSpinBox* m_epsilonTo;
    QSpinBox* m_epsilonCount;
    QSpinBox* m_stepsPerAttack;
    QDoubleSpinBox* m_fixedEpsilon;
    QLineEdit* m_stepList;
    QSpinBox* m_queries;
    CurveDataSource* m_data;
    QSpinBox* m_images;
    QCheckBox* m_targeted;
    QLabel* m_attackError;
    QLabel* m_epsilonError;
    QLabel* m_epsilonHint;
    QLabel* m_fixedEpsilonHint;
    QLabel* m_stepsError;
    QLabel* m_queriesError;
    QLabel* m_dataError;
    QFormLayout* m_form;
    QList<QLabel*> m_formLabels; ///< retranslated in order
    QString m_modelName;
    QList<AttackChoice> m_attackChoices;
    QString m_queriesAttack; ///< the attack whose default budget m_queries was last set to
    bool m_gradientsAvailable = true;
    QString m_noGradientReason;
};

} // namespace advlens::ui
