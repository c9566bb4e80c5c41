#pragma once

#include "ui/workers/modelsummary.h"

#include <QGroupBox>

#include <array>
#include <optional>

class QAction;
class QLabel;

namespace advlens::ui {

/// The open model at a glance: name, architecture, kind, input shape,
/// classes, training recipe, clean accuracy (from its metadata) and device,
/// with a button for the "Open model…" action.
class ModelPanel : public QGroupBox {
    Q_OBJECT

public:
    explicit ModelPanel(QAction* openModelAction, QWidget* parent = nullptr);

    void setSummary(const ModelSummary& summary);
    void clear();

protected:
    void changeEvent(QEvent* event) override;

private:
    enum Row { Name, Architecture, Kind, Input, Classes, Training, Accuracy, Gradients, Device, RowCount };

    void retranslate();
    QString trainingText(const ModelSummary& summary) const;

    std::array<QLabel*, RowCount> m_captions{};
    std::array<QLabel*, RowCount> m_values{};
    std::optional<ModelSummary> m_summary;
};

} // namespace advlens::ui
