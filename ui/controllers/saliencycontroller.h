#pragma once

#include <QObject>

namespace advlens::ui {

class AttackController;
class ImageComparisonView;
class ModelWorker;
class SaliencyPanel;

/// Keeps the saliency overlays current: while the panel shows them, every new
/// image, attack outcome or setting asks the worker for fresh maps; the
/// newest answer goes onto the image views.
class SaliencyController : public QObject {
    Q_OBJECT

public:
    SaliencyController(ModelWorker* worker, SaliencyPanel* panel, AttackController* attacks,
                       ImageComparisonView* views, QObject* parent = nullptr);

    bool isWaiting() const { return m_waiting; }
    void refresh();

Q_SIGNALS:
    void problemOccurred(const QString& message);
    /// Fresh maps are on the image views.
    void mapsShown();

private:
    ModelWorker* m_worker;
    SaliencyPanel* m_panel;
    ImageComparisonView* m_views;
    quint64 m_request = 0;
    bool m_waiting = false;
    bool m_dropped = false; ///< the last request was dropped unanswered
};

} // namespace advlens::ui
