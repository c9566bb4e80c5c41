#pragma once

#include "ui/workers/prediction.h"

#include <QWidget>

#include <optional>

class QLabel;

namespace advlens::ui {

class ImageComparisonView;

/// The image the model sees beside its adversarial version and the
/// perturbation (ImageComparisonView), with where it came from and its true
/// label when known.
class ImagePanel : public QWidget {
    Q_OBJECT

public:
    explicit ImagePanel(QWidget* parent = nullptr);

    void setPrediction(const Prediction& prediction);
    void clear();
    ImageComparisonView* view() const { return m_view; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QLabel* m_title;
    ImageComparisonView* m_view;
    QLabel* m_caption;
    std::optional<Prediction> m_prediction;
};

} // namespace advlens::ui
