#pragma once

#include "ui/workers/attackcatalog.h"
#include "ui/panels/epsilonspinbox.h"
#include "ui/workers/attackrequest.h"

#include <QGroupBox>
#include <QTimer>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;

namespace advlens::ui {

/// The attack controls: attack, norm, ε (slider and spin box, in pixel units
/// and k/255), steps and step size where they apply, targeted with a target
/// class, Attack and Cancel, and the running attack's progress.
///
/// What the form offers follows the attacks' descriptions (AttackChoice): the
/// norms each supports, steps for iterative ones, "no budget" for minimal ones,
/// a query budget (log slider and spin box) for query-based black-box attacks,
/// whose progress is shown in queries used.
/// With "Live" on, every change asks for a new attack: at once for attacks
/// with a fast ε-sweep (FGSM: one forward pass per ε on the worker), other
/// attacks after a short pause so dragging the slider does not start one
/// attack per pixel of travel.
class AttackPanel : public QGroupBox {
    Q_OBJECT

public:
    explicit AttackPanel(QWidget* parent = nullptr);

    void setAttacks(const QList<AttackChoice>& attacks);
    /// The model's classes, for the target picker.
    void setClassNames(const QStringList& names);
    /// Whether the open model has input gradients: without, the attacks that
    /// need them are shown but not selectable, their tool tip says `reason`,
    /// and a gradient-free attack is chosen.
    void setGradientsAvailable(bool available, const QString& reason = {});
    /// What the attacker sees: "full", "scores" or "label" (AttackRequest::threat).
    /// Under "scores" and "label" the attacks that need gradients are not
    /// selectable, as on a model without gradients.
    void setThreatModel(const QString& threat);
    QComboBox* threatBox() const { return m_threat; }
    /// The model's input: photographs (RGB, larger than 32×32) get a slider
    /// that reaches 32/255 in ℓ∞ (their budgets are a few grey levels) and
    /// start at 4/255; small grey images reach 0.5 and start at 0.1. ε is
    /// reset only when the kind of input changes.
    void setInputShape(int channels, int height, int width);
    /// The request the controls describe now.
    AttackRequest request() const;
    void setRunning(bool running);
    void setProgress(qint64 done, qint64 total);
    /// A query-based attack's progress: the bar and a line "queries used".
    void setQueryProgress(qint64 used, qint64 budget);
    /// Only the "queries used" line (a finished attack's exact count).
    void showQueriesUsed(qint64 used, qint64 budget);
    bool isLive() const;

    void setAttack(const QString& id);
    void setEpsilon(double epsilon);
    void setTargetClass(int index);
    QSlider* epsilonSlider() const { return m_epsilonSlider; }
    QSpinBox* queryBudgetBox() const { return m_queries; }
    QSlider* queryBudgetSlider() const { return m_queriesSlider; }
    /// The "queries used" line of a running or finished query-based attack.
    QString queriesUsedText() const;
    EpsilonSpinBox* epsilonBox() const { return m_epsilon; }

    static constexpr int kSliderSteps = 1000;
    static constexpr double kPhotoLinfReach = 32.0 / 255.0;
    static constexpr int kLiveDelayMs = 150;
    /// The query-budget slider runs on a log scale from 10 to 100,000 queries.
    static constexpr int kQuerySliderSteps = 400;

Q_SIGNALS:
    void attackRequested(const advlens::ui::AttackRequest& request);
    void cancelRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    /// Enables the attacks the model and the threat model allow.
    void applyGradientAvailability();
    void updateApplicability();
    void settingsChanged(bool immediate);
    void fromSlider(int position);
    void fromSpinBox();
    void updateEpsilonHint();
    void fromQuerySlider(int position);
    void fromQueryBox(int queries);
    const AttackChoice* currentAttack() const;
    /// The largest ε the slider reaches for the current norm.
    double sliderMaximum() const;
    /// The slider's reach in the current norm for this kind of input.
    double reachOf(const QString& norm) const;

    QList<AttackChoice> m_attacks;
    QStringList m_classNames; ///< the model's, untranslated
    bool m_gradientsAvailable = true;
    QString m_noGradientReason;
    QFormLayout* m_form;
    QLabel* m_attackLabel;
    QComboBox* m_attack;
    QLabel* m_threatLabel;
    QComboBox* m_threat;
    QLabel* m_normLabel;
    QComboBox* m_norm;
    QLabel* m_epsilonLabel;
    QSlider* m_epsilonSlider;
    EpsilonSpinBox* m_epsilon;
    QLabel* m_epsilonHint;
    QCheckBox* m_unbounded;
    QLabel* m_stepsLabel;
    QSpinBox* m_steps;
    QLabel* m_stepSizeLabel;
    QDoubleSpinBox* m_stepSize;
    QLabel* m_queriesLabel;
    QSlider* m_queriesSlider;
    QSpinBox* m_queries;
    QLabel* m_queriesUsed;
    QCheckBox* m_targeted;
    QComboBox* m_target;
    QCheckBox* m_live;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QTimer m_liveTimer;
    bool m_syncing = false;     ///< slider ↔ spin box updates in progress
    bool m_photographs = false; ///< the model takes RGB images larger than 32×32
};

} // namespace advlens::ui
