#include "ui/controllers/resultexporter.h"

#include "ui/workers/modelworker.h"

#include <QBuffer>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPixmap>
#include <QSaveFile>
#include <QWidget>

#include <cmath>

namespace advlens::ui {

namespace {

bool writeAtomically(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

QJsonObject predictionJson(const Prediction& p)
{
    QJsonArray top;
    for (std::size_t i = 0; i < p.topClasses.size(); ++i)
        top.append(QJsonObject{{QStringLiteral("class"), p.topClasses[i]},
                               {QStringLiteral("name"), p.topNames.value(static_cast<int>(i))},
                               {QStringLiteral("probability"), double(p.topProbabilities[i])}});
    return {{QStringLiteral("predicted"), p.predictedClass()}, {QStringLiteral("top"), top}};
}

} // namespace

ResultExporter::ResultExporter(ModelWorker* worker, QWidget* views, QWidget* prediction, QObject* parent)
    : QObject(parent)
    , m_worker(worker)
    , m_views(views)
    , m_prediction(prediction)
{
    connect(m_worker, &ModelWorker::exportFinished, this, [this](quint64 generation, const QStringList& files) {
        if (generation == m_request)
            Q_EMIT finished(m_written + files);
    });
    connect(m_worker, &ModelWorker::exportFailed, this, [this](quint64 generation, const QString& message) {
        if (generation == m_request)
            Q_EMIT failed(message);
    });
}

bool ResultExporter::exportOutcome(const QString& stem, const AttackOutcome& outcome, const QString& modelName)
{
    // The figure: the views and the prediction side by side, as on screen.
    const QPixmap views = m_views->grab();
    const QPixmap prediction = m_prediction->grab();
    QImage figure(views.width() + prediction.width(), std::max(views.height(), prediction.height()),
                  QImage::Format_RGB32);
    figure.setDevicePixelRatio(views.devicePixelRatio());
    figure.fill(m_views->palette().color(QPalette::Window));
    {
        QPainter painter(&figure);
        painter.drawPixmap(0, 0, views);
        painter.drawPixmap(int(views.width() / views.devicePixelRatio()), 0, prediction);
    }
    QByteArray png;
    {
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        figure.save(&buffer, "PNG");
    }
    m_written.clear();
    const QString figurePath = stem + QStringLiteral("-figure.png");
    const QString jsonPath = stem + QStringLiteral("-result.json");
    if (!writeAtomically(figurePath, png) || !writeAtomically(jsonPath, outcomeJson(outcome, modelName))) {
        Q_EMIT failed(tr("Could not write %1").arg(figurePath));
        return false;
    }
    m_written << figurePath << jsonPath;
    m_request = m_worker->requestExport(stem);
    return true;
}

QByteArray ResultExporter::outcomeJson(const AttackOutcome& o, const QString& modelName)
{
    const AttackRequest& r = o.request;
    QJsonObject attack{{QStringLiteral("name"), r.attack},
                       {QStringLiteral("norm"), r.norm},
                       {QStringLiteral("steps"), r.steps},
                       {QStringLiteral("step_size"), r.stepSize},
                       {QStringLiteral("targeted"), r.targeted},
                       {QStringLiteral("target"), r.targeted ? QJsonValue(r.targetClass) : QJsonValue()}};
    // JSON has no infinity: no budget is written as null.
    attack.insert(QStringLiteral("epsilon"), std::isfinite(r.epsilon) ? QJsonValue(r.epsilon) : QJsonValue());
    QJsonObject image{{QStringLiteral("source"), o.before.sourcePath},
                      {QStringLiteral("true_class"), o.before.trueClass}};
    if (o.before.testIndex >= 0)
        image.insert(QStringLiteral("fashion_mnist_test_index"), o.before.testIndex);
    const QJsonObject root{
        {QStringLiteral("format"), QStringLiteral("advlens-result/1")},
        {QStringLiteral("model"), modelName},
        {QStringLiteral("image"), image},
        {QStringLiteral("attack"), attack},
        {QStringLiteral("success"), o.success},
        {QStringLiteral("before"), predictionJson(o.before)},
        {QStringLiteral("after"), predictionJson(o.after)},
        {QStringLiteral("perturbation"), QJsonObject{{QStringLiteral("linf"), o.linf},
                                                     {QStringLiteral("l2"), o.l2},
                                                     {QStringLiteral("l1"), o.l1},
                                                     {QStringLiteral("l0"), o.l0}}},
        {QStringLiteral("gradient_evaluations"), o.gradientEvaluations},
        {QStringLiteral("queries"), o.queries},
        {QStringLiteral("queries_to_success"), o.queriesToSuccess},
        {QStringLiteral("milliseconds"), o.milliseconds},
    };
    return QJsonDocument(root).toJson();
}

} // namespace advlens::ui
