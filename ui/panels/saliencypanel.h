#pragma once

#include "ui/workers/saliencyrequest.h"

#include <QGroupBox>

#include <limits>

class QCheckBox;
class QComboBox;
class QLabel;

namespace advlens::ui {

/// Saliency controls: show or hide the maps, the method, and the Grad-CAM
/// layer (chosen automatically for the zoo, selectable for TorchScript
/// models). The opacity slider lives with the image views.
class SaliencyPanel : public QGroupBox {
    Q_OBJECT

public:
    explicit SaliencyPanel(QWidget* parent = nullptr);

    /// The open model's Grad-CAM layers, default first (empty: no Grad-CAM).
    void setLayers(const QStringList& layers);
    /// Saliency needs input gradients: without, the panel is off and its
    /// tool tip says `reason`.
    void setGradientsAvailable(bool available, const QString& reason = {});
    bool isShown() const;
    void setShown(bool shown);
    void setMethod(const QString& method);
    SaliencyRequest request() const;
    /// After a computation: the layer used and, for Integrated Gradients, the completeness gap.
    void setResult(const SaliencyOutcome& outcome);

Q_SIGNALS:
    /// The maps should be (re)computed with these settings.
    void saliencyRequested(const advlens::ui::SaliencyRequest& request);
    void hidden();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void settingsChanged();
    void updateNote();
    void clearNote();

    QCheckBox* m_show;
    QLabel* m_methodLabel;
    QComboBox* m_method;
    QLabel* m_layerLabel;
    QComboBox* m_layer;
    QLabel* m_note;
    QStringList m_layers;
    // What the note shows (the latest result), kept to word it again in another language.
    // The layer is shown only while the layer combo names another one.
    QString m_noteLayer;
    double m_noteCompletenessGap = std::numeric_limits<double>::quiet_NaN(); ///< NaN: none
};

} // namespace advlens::ui
