#include "ui/workers/attacksession.h"

#include "ui/workers/attackconfig.h"
#include "ui/workers/classification.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackinfo.h"
#include "core/attacks/attackregistry.h"
#include "core/model/classifier.h"
#include "core/model/threatmodel.h"
#include "core/util/error.h"
#include "core/util/runcontrol.h"

#include <ATen/ATen.h>

#include <QCoreApplication>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace advlens::ui {

namespace {

using Clock = std::chrono::steady_clock;

/// Iterates streamed to the GUI at most this often: faster is invisible and
/// would flood the event queue.
constexpr auto kStreamInterval = std::chrono::milliseconds(40);

QString tr(const char* text)
{
    return QCoreApplication::translate("advlens::ui::AttackSession", text);
}

/// Keeps at most AttackOutcome::kMaxKeptIterates iterates evenly spread:
/// when full, every other one goes and the stride doubles.
class IterateKeeper {
public:
    void keep(int iteration, const Prediction& prediction)
    {
        m_iterates.push_back(prediction);
        m_numbers.push_back(iteration);
        if (static_cast<int>(m_iterates.size()) < AttackOutcome::kMaxKeptIterates)
            return;
        std::vector<Prediction> thinned;
        std::vector<int> numbers;
        for (std::size_t i = 0; i < m_iterates.size(); i += 2) {
            thinned.push_back(std::move(m_iterates[i]));
            numbers.push_back(m_numbers[i]);
        }
        m_iterates = std::move(thinned);
        m_numbers = std::move(numbers);
        m_stride *= 2;
    }
    bool wants(int iteration) const { return iteration % m_stride == 0; }
    int lastKept() const { return m_numbers.empty() ? -1 : m_numbers.back(); }
    void moveInto(AttackOutcome& outcome)
    {
        outcome.iterates = std::move(m_iterates);
        outcome.iterateNumbers = std::move(m_numbers);
    }

private:
    std::vector<Prediction> m_iterates;
    std::vector<int> m_numbers;
    int m_stride = 1;
};

/// The query budget per image of a query-based attack as configured; 0 for
/// attacks that take gradients (AutoAttack's "queries" is one stage's only).
std::int64_t queryBudgetOf(const core::AttackInfo& info, const core::AttackConfig& config)
{
    const core::AttackParameter* queries = info.parameter("queries");
    if (info.needsGradients || !queries)
        return 0;
    const auto given = config.extra.find("queries");
    return static_cast<std::int64_t>(given != config.extra.end() ? given->second : queries->defaultValue.value_or(0.0));
}

} // namespace

struct AttackSession::State {
    at::Tensor image;       ///< 1×C×H×W, CPU
    at::Tensor adversarial; ///< of the last finished attack, CPU
    std::unique_ptr<core::EpsilonSweep> sweep;
    QString sweepKey; ///< what the sweep was made for: attack, norm, goal, model
};

AttackSession::AttackSession()
    : m_state(std::make_unique<State>())
{
}

AttackSession::~AttackSession() = default;

void AttackSession::setImage(const at::Tensor& image, const Prediction& prediction)
{
    clear();
    m_state->image = image.detach().to(at::kCPU, at::kFloat).contiguous();
    m_prediction = prediction;
}

void AttackSession::clear()
{
    *m_state = State{};
    m_prediction = Prediction{};
}

bool AttackSession::hasImage() const
{
    return m_state->image.defined();
}

const at::Tensor& AttackSession::image() const
{
    return m_state->image;
}

const at::Tensor& AttackSession::adversarial() const
{
    return m_state->adversarial;
}

AttackOutcome AttackSession::run(core::Classifier& classifier, const AttackRequest& request,
                                 const core::RunControl& control, const IterateHandler& onIterate)
{
    if (!hasImage())
        throw core::Error(tr("open an image first").toStdString());
    const auto started = Clock::now();
    const core::AttackConfig config = attackConfigOf(request);
    const int numClasses = static_cast<int>(classifier.numClasses());
    if (request.targeted && (request.targetClass < 0 || request.targetClass >= numClasses))
        throw core::Error(tr("choose a target class").toStdString());
    const core::AttackInfo& info = core::attackInfo(request.attack.toStdString());
    if (std::isinf(request.epsilon) && !info.minimal)
        throw core::Error(tr("only minimal-perturbation attacks can run without a budget").toStdString());

    const c10::Device device = classifier.device();
    const auto longOnDevice = at::TensorOptions().dtype(at::kLong).device(device);
    const core::AttackInput input{m_state->image.to(device), at::full({1}, m_prediction.predictedClass(), longOnDevice),
                                  request.targeted ? at::full({1}, request.targetClass, longOnDevice) : at::Tensor(),
                                  {}};
    const std::string trueClass = m_prediction.trueClass.toStdString();

    core::AttackResult result;
    IterateKeeper keeper;
    // What the attacker sees: under "scores" or "label" the attack runs on a
    // view of the model without gradients (or with only its decision); what
    // the explorer shows is still the model's own output.
    const core::ThreatModel threat = core::parseThreatModel(request.threat.toStdString());
    std::unique_ptr<core::ThreatModelClassifier> seen;
    if (threat != core::ThreatModel::Full)
        seen = std::make_unique<core::ThreatModelClassifier>(
            std::shared_ptr<core::Classifier>(&classifier, [](core::Classifier*) {}), threat);
    core::Classifier& attacked = seen ? static_cast<core::Classifier&>(*seen) : classifier;

    // A sweep keeps a reference to its classifier: only the model itself, not
    // a view made for this run.
    if (info.makeSweep && !seen) {
        // Everything but ε that the sweep was made with.
        const QString key = QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
                                .arg(request.attack, request.norm)
                                .arg(request.targeted ? request.targetClass : -1)
                                .arg(request.steps)
                                .arg(request.stepSize)
                                .arg(request.seed)
                                .arg(reinterpret_cast<quintptr>(&classifier))
                                .arg(device.str().c_str());
        if (!m_state->sweep || m_state->sweepKey != key) {
            m_state->sweep.reset();
            m_state->sweep = info.makeSweep(classifier, core::prepareAttackInput(classifier, input, config), config);
            m_state->sweepKey = key;
        }
        result = m_state->sweep->at(config.epsilon);
    } else {
        const auto attack = info.create();
        core::RunControl withIterates = control;
        // What the model has evaluated for the attack, the session's own
        // classification of streamed iterates aside: a query-based attack's
        // progress is shown in queries, whatever unit the attack counts in.
        const std::int64_t evaluatedBefore = classifier.imagesEvaluated();
        std::int64_t ownEvaluations = 0;
        const std::int64_t budget = queryBudgetOf(info, config);
        if (budget > 0 && control.progress) {
            withIterates.progress = [&](std::int64_t, std::int64_t) {
                const std::int64_t spent = classifier.imagesEvaluated() - evaluatedBefore - ownEvaluations;
                control.report(std::min(spent, budget), budget);
            };
        }
        if (request.keepIterates)
            keeper.keep(0, m_prediction);
        auto lastStreamed = Clock::now();
        Prediction latest;
        int latestIteration = 0;
        if (request.keepIterates || onIterate) {
            withIterates.iterate = [&](std::int64_t iteration, const at::Tensor& iterates) {
                const auto now = Clock::now();
                const int number = static_cast<int>(iteration);
                const bool keep = request.keepIterates && keeper.wants(number);
                const bool stream = onIterate && now - lastStreamed >= kStreamInterval;
                if (!keep && !stream)
                    return;
                const std::int64_t evaluated = classifier.imagesEvaluated();
                latest = classify(classifier, iterates.slice(0, 0, 1), trueClass);
                ownEvaluations += classifier.imagesEvaluated() - evaluated;
                latestIteration = number;
                if (keep)
                    keeper.keep(number, latest);
                if (stream) {
                    onIterate(number, latest);
                    lastStreamed = now;
                }
            };
        }
        result = attack->run(attacked, input, config, withIterates);
        if (request.keepIterates && latestIteration > keeper.lastKept())
            keeper.keep(latestIteration, latest);
    }

    AttackOutcome outcome;
    outcome.request = request;
    outcome.before = m_prediction;
    const at::Tensor adversarialLogits =
        seen ? core::logitsWithoutGrad(classifier, result.adversarial) : result.adversarialLogits;
    outcome.after = predictionFromLogits(classifier, result.adversarial, adversarialLogits, trueClass);
    outcome.success = result.success[0].item<bool>();
    outcome.linf = result.norms.linf[0].item<double>();
    outcome.l2 = result.norms.l2[0].item<double>();
    outcome.l1 = result.norms.l1[0].item<double>();
    outcome.l0 = static_cast<qint64>(result.norms.l0[0].item<double>());
    outcome.gradientEvaluations = result.gradientEvaluations;
    if (!info.needsGradients && result.queriesPerImage.defined())
        outcome.queries = result.queriesPerImage[0].item<std::int64_t>();
    if (result.queriesToSuccess.defined())
        outcome.queriesToSuccess = result.queriesToSuccess[0].item<std::int64_t>();
    for (const core::AttackStage& stage : result.stages)
        outcome.stages.push_back({QCoreApplication::translate("advlens::ui::AttackCatalog",
                                                              core::attackInfo(stage.name).label.c_str()),
                                  stage.attacked > 0, stage.robustAfter > 0, stage.seconds});
    outcome.cancelled = result.cancelled;
    keeper.moveInto(outcome);
    m_state->adversarial = result.adversarial.detach().to(at::kCPU).contiguous();
    outcome.milliseconds = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    return outcome;
}

} // namespace advlens::ui
