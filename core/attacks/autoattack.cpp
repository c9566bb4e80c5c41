#include "core/attacks/autoattack.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackinfo.h"
#include "core/attacks/attackregistry.h"
#include "core/attacks/evaluationsigns.h"
#include "core/model/classifier.h"
#include "core/tensor/finitelogits.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <chrono>

namespace advlens::core {

namespace {

constexpr std::int64_t kStageUnits = 1000; ///< progress units per stage

const AttackParameter& iterationsParameter()
{
    static const AttackParameter parameter{"iterations", 1, 10000, true, /*defaultValue=*/100,
                                           "autoattack: iterations of APGD-CE, and of APGD-T and FAB-T per target"};
    return parameter;
}

const AttackParameter& targetsParameter()
{
    static const AttackParameter parameter{"target_classes", 1, 999, true, /*defaultValue=*/9,
                                           "apgd-t, fab-t, autoattack: runs toward the classes ranked 2nd, 3rd, ... "
                                           "by the clean logits"};
    return parameter;
}

const AttackParameter& queriesParameter()
{
    static const AttackParameter parameter{"queries", 1, 1000000, true, /*defaultValue=*/5000,
                                           "query budget per image (autoattack: its Square stage's iterations, as "
                                           "the reference's n_queries)"};
    return parameter;
}

const AttackParameter& eotParameter()
{
    static const AttackParameter parameter{"eot", 1, 1000, true, /*defaultValue=*/20,
                                           "autoattack-rand: forward and backward passes averaged into each "
                                           "gradient (expectation over the model's draws)"};
    return parameter;
}

/// The plus version's restarts of APGD-CE, APGD-DLR and FAB, as published.
constexpr int kPlusRestarts = 5;

/// Stages draw from streams seeded apart, so APGD-T does not restart from
/// APGD-CE's random starts.
std::uint64_t stageSeed(std::uint64_t seed, std::size_t stage)
{
    return seed + 0x9e3779b97f4a7c15ULL * (stage + 1);
}

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

AttackResult runAttackStages(Classifier& classifier, const AttackInput& rawInput, const AttackConfig& evaluationConfig,
                             const std::vector<StagePlan>& stages, const RunControl& control)
{
    const AttackInput input = prepareAttackInput(classifier, rawInput, evaluationConfig);
    const at::Tensor& x = input.images;
    const std::int64_t n = x.size(0);
    AttackResult result;
    result.cleanLogits = logitsWithoutGrad(classifier, x);
    at::Tensor robust = result.cleanLogits.argmax(1).eq(input.labels).logical_and(finiteRows(result.cleanLogits));
    at::Tensor adversarial = x.clone();
    // The logits each stage judged its points by: a fresh forward of a point
    // Square left within rounding of the boundary could disagree with the table.
    at::Tensor adversarialLogits = result.cleanLogits.clone();
    at::Tensor queries = at::zeros({n}, at::kLong);
    at::Tensor gradients = at::zeros({n}, at::kLong);
    // The queries an image had spent, over the stages, when it fell: those of
    // the stages before, and the falling stage's own queries to success where
    // it counts them (Square), else all it spent on the image.
    at::Tensor fellAt = at::full({n}, -1, at::kLong);
    bool queryBased = false;
    at::Tensor streamed = control.wantsIterates() ? x.clone() : at::Tensor();
    const auto total = static_cast<std::int64_t>(stages.size()) * kStageUnits;

    for (std::size_t s = 0; s < stages.size() && !result.cancelled; ++s) {
        const StagePlan& plan = stages[s];
        const AttackInfo& info = attackInfo(plan.attack);
        AttackStage stage;
        stage.name = plan.attack;
        stage.gradientFree = !info.needsGradients;
        queryBased = queryBased || stage.gradientFree;
        const auto started = std::chrono::steady_clock::now();
        const at::Tensor rows = robust.nonzero().squeeze(1);
        stage.attacked = rows.numel();
        if (rows.numel() > 0) {
            AttackInput part{x.index_select(0, rows), input.labels.index_select(0, rows), {}};
            part.indices = input.indices.index_select(0, rows.to(at::kCPU));
            const std::int64_t before = static_cast<std::int64_t>(s) * kStageUnits;
            RunControl stageControl{control.cancellation,
                                    [&control, before, total](std::int64_t done, std::int64_t all) {
                                        if (all > 0)
                                            control.report(before + kStageUnits * std::min(done, all) / all, total);
                                    },
                                    {}};
            if (control.wantsIterates())
                stageControl.iterate = [&control, &streamed, &rows](std::int64_t iteration,
                                                                    const at::Tensor& iterates) {
                    streamed.index_copy_(0, rows, iterates.to(streamed.device()));
                    control.reportIterate(iteration, streamed);
                };
            const AttackResult r = createAttack(plan.attack)->run(classifier, part, plan.config, stageControl);
            const at::Tensor fooled = r.success.logical_and(finiteRows(r.adversarialLogits));
            const at::Tensor fooledRows = rows.masked_select(fooled);
            const at::Tensor picked = fooled.nonzero().squeeze(1);
            adversarial.index_copy_(0, fooledRows, r.adversarial.index_select(0, picked));
            adversarialLogits.index_copy_(0, fooledRows, r.adversarialLogits.index_select(0, picked));
            robust.index_fill_(0, fooledRows, false);
            const at::Tensor cpuRows = rows.to(at::kCPU);
            const at::Tensor cpuPicked = picked.to(at::kCPU);
            const at::Tensor stageQueries =
                (r.queriesToSuccess.defined() ? r.queriesToSuccess : r.queriesPerImage).to(at::kCPU);
            const at::Tensor fooledCpu = fooledRows.to(at::kCPU);
            fellAt.index_copy_(0, fooledCpu,
                               queries.index_select(0, fooledCpu) + stageQueries.index_select(0, cpuPicked));
            queries.index_add_(0, cpuRows, r.queriesPerImage.to(at::kCPU));
            gradients.index_add_(0, cpuRows, r.gradientEvaluationsPerImage.to(at::kCPU));
            stage.queries = r.queriesPerImage.sum().item<std::int64_t>();
            result.cancelled = r.cancelled || control.cancelled();
        }
        stage.robustAfter = robust.sum().item<std::int64_t>();
        stage.seconds = secondsSince(started);
        result.stages.push_back(stage);
        if (!result.cancelled)
            control.report(static_cast<std::int64_t>(s + 1) * kStageUnits, total);
    }
    result.adversarial = adversarial;
    result.adversarialLogits = adversarialLogits;
    result.queriesPerImage = queries;
    result.gradientEvaluationsPerImage = gradients;
    result.gradientEvaluations = n ? gradients.max().item<std::int64_t>() : 0;
    completeResult(result, input, evaluationConfig);
    if (queryBased)
        result.queriesToSuccess = fellAt.masked_fill(result.success.to(at::kCPU).logical_not(), -1);
    return result;
}

AttackInfo AutoAttack::describe()
{
    AttackInfo info;
    info.name = "autoattack";
    info.label = "AutoAttack";
    info.description = "the standard evaluation (Croce & Hein 2020): APGD-CE, APGD-T, FAB-T and Square, each on the "
                       "points still robust (linf/l2)";
    info.norms = {Norm::Linf, Norm::L2};
    info.targetable = false;
    info.parameters = {iterationsParameter(), targetsParameter(), queriesParameter()};
    return info;
}

AttackInfo AutoAttackRand::describe()
{
    AttackInfo info = AutoAttack::describe();
    info.name = "autoattack-rand";
    info.label = "AutoAttack (rand)";
    info.description = "AutoAttack for randomised models: APGD-CE and APGD-DLR with each gradient averaged over 20 "
                       "draws (EOT), each on the points still robust (linf/l2)";
    info.parameters = {iterationsParameter(), eotParameter()};
    return info;
}

AttackInfo AutoAttackPlus::describe()
{
    AttackInfo info = AutoAttack::describe();
    info.name = "autoattack-plus";
    info.label = "AutoAttack+";
    info.description = "AutoAttack's plus version: APGD-CE, APGD-DLR and FAB with 5 restarts each, Square, APGD-T "
                       "and FAB-T, each on the points still robust (linf/l2)";
    return info;
}

std::string AutoAttack::name() const
{
    switch (m_version) {
    case AutoAttackVersion::Rand:
        return "autoattack-rand";
    case AutoAttackVersion::Plus:
        return "autoattack-plus";
    case AutoAttackVersion::Standard:
        break;
    }
    return "autoattack";
}

std::vector<StagePlan> AutoAttack::stagesOf(AutoAttackVersion version, const AttackConfig& config)
{
    const double iterations = extraSetting(config, iterationsParameter());
    const auto plan = [&](const char* attack, int restarts, std::map<std::string, double> extra) {
        AttackConfig stage;
        stage.epsilon = config.epsilon;
        stage.norm = config.norm;
        stage.steps = static_cast<int>(iterations);
        stage.restarts = restarts;
        stage.randomStart = true;
        stage.extra = std::move(extra);
        return StagePlan{attack, stage};
    };
    std::vector<StagePlan> stages;
    if (version == AutoAttackVersion::Rand) {
        const double draws = extraSetting(config, eotParameter());
        stages = {plan("apgd-ce", 1, {{"eot", draws}}), plan("apgd-dlr", 1, {{"eot", draws}})};
    } else {
        const double targets = extraSetting(config, targetsParameter());
        // Our Square's budget counts its first evaluation; the reference's
        // n_queries counts iterations after it.
        const StagePlan square =
            plan("square", 1, {{"queries", extraSetting(config, queriesParameter()) + 1}, {"p_init", 0.8},
                               {"rescale_schedule", 0}});
        const StagePlan apgdT = plan("apgd-t", 1, {{"target_classes", targets}});
        const StagePlan fabT = plan("fab-t", 1, {{"target_classes", targets}});
        if (version == AutoAttackVersion::Plus)
            stages = {plan("apgd-ce", kPlusRestarts, {}), plan("apgd-dlr", kPlusRestarts, {}),
                      plan("fab", kPlusRestarts, {}),     square,
                      apgdT,                              fabT};
        else
            stages = {plan("apgd-ce", 1, {}), apgdT, fabT, square};
    }
    for (std::size_t s = 0; s < stages.size(); ++s)
        stages[s].config.seed = stageSeed(config.seed, s);
    return stages;
}

AttackResult AutoAttack::run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                             const RunControl& control)
{
    const std::string attack = name();
    if (config.targeted)
        throw Error(attack + " is untargeted: its stages choose their own targets");
    requireInputGradients(classifier, "AutoAttack");
    // Rand's APGD-DLR needs 3 classes; the others' APGD-T the targeted DLR's 4.
    const std::int64_t needed = m_version == AutoAttackVersion::Rand ? 3 : 4;
    if (classifier.numClasses() < needed)
        throw Error(attack + " needs at least " + std::to_string(needed) + " classes (its " +
                    (needed == 3 ? "APGD-DLR stage uses the DLR loss" : "APGD-T stage uses the targeted DLR loss") +
                    "); model '" + classifier.metadata().name + "' has " + std::to_string(classifier.numClasses()));
    const AttackInput checked = prepareAttackInput(classifier, input, config);
    const EvaluationSigns signs = checkEvaluationSigns(classifier, checked.images, checked.labels);
    AttackResult result = runAttackStages(classifier, checked, config, stagesOf(m_version, config), control);
    result.signs = signs;
    return result;
}

} // namespace advlens::core
