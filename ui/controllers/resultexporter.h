#pragma once

#include "ui/workers/attackrequest.h"

#include <QObject>
#include <QStringList>

class QWidget;

namespace advlens::ui {

class ModelWorker;

/// Saves what the explorer shows after an attack, each file atomically:
/// STEM-figure.png (the three views beside the prediction and top-k chart),
/// STEM-result.json (the numbers), and through the model worker the images
/// themselves (STEM-adversarial.png/.npy, STEM-noise.png/.npy).
class ResultExporter : public QObject {
    Q_OBJECT

public:
    /// `views` and `prediction` are grabbed for the figure.
    ResultExporter(ModelWorker* worker, QWidget* views, QWidget* prediction, QObject* parent = nullptr);

    /// `stem`: a path without suffix. Returns false (and emits failed()) when
    /// the figure or the numbers cannot be written; the images follow.
    bool exportOutcome(const QString& stem, const AttackOutcome& outcome, const QString& modelName);

    /// The numbers of an outcome as JSON (what STEM-result.json holds).
    static QByteArray outcomeJson(const AttackOutcome& outcome, const QString& modelName);

Q_SIGNALS:
    void finished(const QStringList& files);
    void failed(const QString& message);

private:
    ModelWorker* m_worker;
    QWidget* m_views;
    QWidget* m_prediction;
    QStringList m_written; ///< by this side, waiting for the worker's
    quint64 m_request = 0;
};

} // namespace advlens::ui
