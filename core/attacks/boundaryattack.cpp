#include "core/attacks/boundaryattack.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackinfo.h"
#include "core/attacks/decisionsearch.h"
#include "core/attacks/imagestreams.h"
#include "core/attacks/minimalperturbation.h"
#include "core/model/classifier.h"

#include <ATen/ATen.h>

#include <deque>
#include <numeric>
#include <vector>

namespace advlens::core {

namespace {

// Foolbox 3's values (boundary_attack.py).
constexpr double kStepAdaptation = 1.5;
constexpr double kConvergedSourceStep = 1e-7;
constexpr int kStatsEvery = 10;              ///< steps between judged spherical candidates and adaptations
constexpr std::size_t kSphericalWindow = 100; ///< spherical outcomes an adaptation looks at
constexpr std::size_t kStepWindow = 30;      ///< candidate outcomes an adaptation looks at
constexpr std::uint64_t kStartStream = 1;    ///< ImageStreams purposes
constexpr std::uint64_t kProposalStream = 2;

const AttackParameter& sphericalStepParameter()
{
    static const AttackParameter parameter{"spherical_step", 1e-6, 1.0, false, /*defaultValue=*/0.01,
                                           "boundary: first orthogonal step, relative to the distance (then "
                                           "adapted)"};
    return parameter;
}

const AttackParameter& sourceStepParameter()
{
    static const AttackParameter parameter{"source_step", 1e-6, 1.0, false, /*defaultValue=*/0.01,
                                           "boundary: first step toward the image, relative to the distance "
                                           "(then adapted)"};
    return parameter;
}

/// The last outcomes of one kind of proposal, for the success rate.
class SuccessWindow {
public:
    explicit SuccessWindow(std::size_t capacity)
        : m_capacity(capacity)
    {
    }
    void push(bool success)
    {
        if (m_values.size() == m_capacity)
            m_values.pop_front();
        m_values.push_back(success);
    }
    bool full() const { return m_values.size() == m_capacity; }
    double rate() const { return double(std::accumulate(m_values.begin(), m_values.end(), 0)) / double(m_capacity); }
    void clear() { m_values.clear(); }

private:
    std::size_t m_capacity;
    std::deque<bool> m_values;
};

/// One image's step sizes and their statistics.
struct StepState {
    double spherical = 0.01;
    double source = 0.01;
    SuccessWindow sphericalOutcomes{kSphericalWindow};
    SuccessWindow stepOutcomes{kStepWindow};

    void adapt()
    {
        if (sphericalOutcomes.full()) {
            const double rate = sphericalOutcomes.rate();
            const double factor = rate > 0.5 ? kStepAdaptation : rate < 0.2 ? 1.0 / kStepAdaptation : 1.0;
            if (factor != 1.0) {
                spherical *= factor;
                source *= factor;
                sphericalOutcomes.clear();
            }
        }
        if (stepOutcomes.full()) {
            const double rate = stepOutcomes.rate();
            const double factor = rate > 0.25 ? kStepAdaptation : rate < 0.1 ? 1.0 / kStepAdaptation : 1.0;
            if (factor != 1.0) {
                source *= factor;
                stepOutcomes.clear();
            }
        }
    }
};

at::Tensor perRow(const at::Tensor& values)
{
    return values.unsqueeze(1);
}

struct Proposals {
    at::Tensor candidates, spherical; ///< m×D, in the box
    at::Tensor sourceNorms;           ///< m, the current distances
};

/// Foolbox 3's draw_proposals on flattened images, one Gaussian draw per image.
Proposals draw(const at::Tensor& x, const at::Tensor& current, const at::Tensor& eta, const at::Tensor& sphericalSteps,
               const at::Tensor& sourceSteps)
{
    const at::Tensor toSource = x - current;
    const at::Tensor sourceNorms = toSource.norm(2, {1});
    const at::Tensor sourceDirections = toSource / perRow(sourceNorms);
    at::Tensor orthogonal = eta - perRow((eta * sourceDirections).sum(1)) * sourceDirections;
    orthogonal = orthogonal * perRow(sphericalSteps * sourceNorms / orthogonal.norm(2, {1}));
    // Pythagoras: back onto the sphere of the current distance around x.
    const at::Tensor spherical =
        (x + (orthogonal - toSource) / perRow((sphericalSteps.square() + 1.0).sqrt())).clamp(0.0, 1.0);
    const at::Tensor newToSource = x - spherical;
    const at::Tensor newNorms = newToSource.norm(2, {1});
    // The step's length, corrected for the box having moved the point off the sphere.
    const at::Tensor lengths = (sourceSteps * sourceNorms + newNorms - sourceNorms).clamp_min(0.0) / newNorms;
    return {(spherical + perRow(lengths) * newToSource).clamp(0.0, 1.0), spherical, sourceNorms};
}

} // namespace

AttackInfo BoundaryAttack::describe()
{
    AttackInfo info;
    info.name = "boundary";
    info.label = "Boundary attack";
    info.description = "Boundary attack (Brendel et al. 2018): decision-based random walk along the boundary toward "
                       "the image (minimal, l2)";
    info.minimal = true;
    info.needsGradients = false;
    info.labelOnly = true;
    info.minimisedNorms = {Norm::L2};
    info.parameters = {decisionQueriesParameter(), sphericalStepParameter(), sourceStepParameter()};
    return info;
}

AttackResult BoundaryAttack::run(Classifier& classifier, const AttackInput& rawInput, const AttackConfig& config,
                                 const RunControl& control)
{
    const AttackInput input = prepareDecisionAttackInput(classifier, rawInput, config);
    const auto queries = static_cast<std::int64_t>(extraSetting(config, decisionQueriesParameter()));
    StepState initial;
    initial.spherical = extraSetting(config, sphericalStepParameter());
    initial.source = extraSetting(config, sourceStepParameter());

    const at::Tensor& x = input.images;
    const at::Tensor cleanLogits = logitsWithoutGrad(classifier, x);
    const at::Tensor goal = config.targeted ? input.targets : input.labels;
    const at::Tensor attacked = worthAttacking(cleanLogits, input, config.targeted).nonzero().squeeze(1).to(at::kCPU);
    DecisionOracle oracle(classifier, goal, config.targeted, queries);
    DecisionProgress progress(control, queries * attacked.numel(), x);
    ImageStreams startStreams(config.seed, input.indices, kStartStream);
    ImageStreams proposalStreams(config.seed, input.indices, kProposalStream);

    FirstWithinBudget held(config, x);
    const DecisionStart start = blendedNoiseStart(oracle, attacked, x, startStreams, progress, held);
    at::Tensor current = start.points;
    const at::Tensor started = attacked.masked_select(start.found.index_select(0, attacked));
    std::vector<StepState> states(std::size_t(x.size(0)), initial);
    const at::Tensor flatX = x.flatten(1);

    for (int step = 1; started.numel() > 0 && !progress.stop(); ++step) {
        const bool judgeSpherical = step % kStatsEvery == 0;
        std::vector<std::int64_t> active, judged; // judged: positions in `active` whose spherical candidate is asked
        for (std::int64_t k = 0; k < started.numel(); ++k) {
            const std::int64_t row = started[k].item<std::int64_t>();
            if (states[std::size_t(row)].source < kConvergedSourceStep || oracle.remaining(row) < 1)
                continue;
            if (judgeSpherical && oracle.remaining(row) >= 2)
                judged.push_back(std::int64_t(active.size()));
            active.push_back(row);
        }
        if (active.empty())
            break;
        const at::Tensor rows = at::tensor(active, at::kLong);
        const at::Tensor device = rows.to(x.device());
        std::vector<double> sphericalSteps, sourceSteps;
        for (std::int64_t row : active) {
            sphericalSteps.push_back(states[std::size_t(row)].spherical);
            sourceSteps.push_back(states[std::size_t(row)].source);
        }
        const at::Tensor xs = flatX.index_select(0, device);
        const at::Tensor eta = proposalStreams.normal(rows, {xs.size(1)}).to(x.device());
        const auto asTensor = [&](const std::vector<double>& v) {
            return at::tensor(v, at::kDouble).to(x.device(), x.scalar_type());
        };
        const Proposals p = draw(xs, current.index_select(0, device).flatten(1), eta, asTensor(sphericalSteps),
                                 asTensor(sourceSteps));

        // Two calls, so that each pass holds one point per image, as the
        // result's own check (finishDecisionResult) will.
        const auto asImages = [&](const at::Tensor& flat) { return flat.view({-1, x.size(1), x.size(2), x.size(3)}); };
        const at::Tensor candidateReached = oracle.reaches(rows, asImages(p.candidates));
        const at::Tensor closer = (xs - p.candidates).norm(2, {1}).lt(p.sourceNorms).to(at::kCPU);
        const at::Tensor take = candidateReached.logical_and(closer).nonzero().squeeze(1);
        const at::Tensor taken = asImages(p.candidates.index_select(0, take.to(x.device())));
        held.hold(oracle, rows.index_select(0, take), taken); // found by the candidate's query
        const at::Tensor judgedRows = at::tensor(judged, at::kLong);
        const at::Tensor sphericalReached =
            judged.empty() ? at::Tensor()
                           : oracle.reaches(rows.index_select(0, judgedRows),
                                            asImages(p.spherical.index_select(0, judgedRows.to(x.device()))));
        current.index_copy_(0, device.index_select(0, take.to(x.device())), taken);

        for (std::size_t j = 0; j < judged.size(); ++j) {
            const std::int64_t k = judged[j];
            StepState& state = states[std::size_t(active[std::size_t(k)])];
            state.sphericalOutcomes.push(sphericalReached[std::int64_t(j)].item<bool>());
            state.stepOutcomes.push(candidateReached[k].item<bool>());
            state.adapt();
        }
        progress.advanced(step, oracle, rows, current.index_select(0, device));
    }
    if (!progress.cancelled)
        control.report(progress.total, progress.total);
    return finishDecisionResult(classifier, input, config, cleanLogits, current, oracle, held, progress.cancelled);
}

} // namespace advlens::core
