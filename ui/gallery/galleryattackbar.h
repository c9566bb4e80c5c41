#pragma once

#include "ui/workers/attackcatalog.h"
#include "ui/workers/attackrequest.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace advlens::ui {

/// An attack to run over the whole gallery: which attack, ℓ∞ or ℓ2, the
/// budget ε (in grey levels k/255 under ℓ∞, in pixel units under ℓ2, as in
/// the curve panel) and the steps of iterative attacks; the norms and steps
/// offered follow the chosen attack's description. Run emits
/// attackRequested(); the gallery then shows what the attack fooled.
class GalleryAttackBar : public QWidget {
    Q_OBJECT

public:
    explicit GalleryAttackBar(QWidget* parent = nullptr);

    void setAttacks(const QList<AttackChoice>& attacks);
    /// The request the controls describe.
    AttackRequest request() const;
    /// Sets the controls to `request` (ε in pixel units).
    void setRequest(const AttackRequest& request);
    QPushButton* runButton() const { return m_run; }

Q_SIGNALS:
    void attackRequested(const advlens::ui::AttackRequest& request);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void applyNorm();
    void updateSteps();

    QLabel* m_attackLabel;
    QComboBox* m_attack;
    QComboBox* m_norm;
    QLabel* m_epsilonLabel;
    QDoubleSpinBox* m_epsilon;
    QLabel* m_stepsLabel;
    QSpinBox* m_steps;
    QPushButton* m_run;
    QList<AttackChoice> m_attacks;
};

} // namespace advlens::ui
