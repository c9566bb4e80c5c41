#include "core/metrics/minimaldistance.h"

#include "core/attacks/attackregistry.h"
#include "core/metrics/accuracy.h"
#include "core/tensor/finitelogits.h"
#include "core/metrics/robustnessreport.h"
#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>

namespace advlens::core {

namespace {

at::Tensor distanceIn(const at::Tensor& delta, Norm norm)
{
    const at::Tensor flat = delta.to(at::kCPU, at::kDouble).flatten(1);
    switch (norm) {
    case Norm::Linf:
        return std::get<0>(flat.abs().max(1));
    case Norm::L2:
        return flat.norm(2, {1});
    case Norm::L1:
        return flat.abs().sum(1);
    }
    return flat.norm(2, {1});
}

double wholeBox(Norm norm, std::int64_t dimensions)
{
    switch (norm) {
    case Norm::Linf:
        return 1.0;
    case Norm::L2:
        return std::sqrt(double(dimensions));
    case Norm::L1:
        return double(dimensions);
    }
    return 1.0;
}

/// Progress of a whole measurement in image-attacks: one per image for a
/// direct attack, one per image and round for a bisection. A stage (the
/// first run, or one bisection round) covers `share` of them whatever number
/// of images it attacks, so the bar moves evenly while images drop out.
class StageProgress {
public:
    StageProgress(const RunControl& control, std::int64_t total)
        : m_control(control)
        , m_total(total)
    {
    }
    void beginStage(double share, std::int64_t imagesInStage)
    {
        m_base += m_share;
        m_share = share;
        m_perImage = imagesInStage > 0 ? share / double(imagesInStage) : 0.0;
        report(0.0);
    }
    /// `images` of this stage are done (fractions count: a batch part way).
    void report(double images) const
    {
        m_control.report(std::min<std::int64_t>(m_total, std::llround(m_base + images * m_perImage)), m_total);
    }

private:
    const RunControl& m_control;
    std::int64_t m_total;
    double m_base = 0.0, m_share = 0.0, m_perImage = 0.0;
};

/// Runs `attack` over the images `index` at one ε, in batches; returns which
/// reached the goal and their perturbations (CPU).
struct GroupOutcome {
    at::Tensor reached;
    at::Tensor delta;
    bool cancelled = false;
};

GroupOutcome attackGroup(Classifier& classifier, const LabelledImages& data, const at::Tensor& targets, Attack& attack,
                         AttackConfig config, const at::Tensor& index, std::int64_t batchSize,
                         const RunControl& control, const StageProgress& progress, std::int64_t doneBefore,
                         std::int64_t firstIndex, std::int64_t& gradients)
{
    GroupOutcome outcome;
    std::vector<at::Tensor> reached, deltas;
    for (std::int64_t start = 0; start < index.numel(); start += batchSize) {
        const at::Tensor rows = index.slice(0, start, std::min(index.numel(), start + batchSize));
        AttackInput input{data.images.index_select(0, rows), data.labels.index_select(0, rows),
                          config.targeted ? targets.index_select(0, rows) : at::Tensor()};
        input.indices = rows + firstIndex;
        const double rowCount = double(rows.numel());
        const double before = double(doneBefore + start);
        const auto withinBatch = [&progress, before, rowCount](std::int64_t done, std::int64_t total) {
            if (total > 0)
                progress.report(before + rowCount * double(std::min(done, total)) / double(total));
        };
        const AttackResult r = attack.run(classifier, input, config, {control.cancellation, withinBatch, {}});
        if (r.cancelled || control.cancelled()) {
            outcome.cancelled = true;
            return outcome;
        }
        gradients += gradientEvaluationsOf(r);
        reached.push_back(r.success.to(at::kCPU));
        deltas.push_back((r.adversarial.to(at::kCPU) - input.images.to(at::kCPU)));
    }
    outcome.reached = at::cat(reached, 0);
    outcome.delta = at::cat(deltas, 0);
    return outcome;
}

} // namespace

MinimalDistanceReport minimalDistances(Classifier& classifier, const LabelledImages& data, Attack& attack,
                                       const AttackConfig& config, const BisectionOptions& bisection,
                                       std::int64_t batchSize, const RunControl& control, std::int64_t firstIndex)
{
    const auto started = std::chrono::steady_clock::now();
    const std::int64_t n = data.size();
    MinimalDistanceReport report;
    report.model = classifier.metadata().name;
    report.attack = attack.name();
    report.norm = config.norm;
    report.images = n;
    report.distance = at::full({n}, std::numeric_limits<double>::infinity(), at::kDouble);
    report.found = at::zeros({n}, at::kBool);
    at::Tensor deltas = at::zeros_like(data.images, at::kFloat).to(at::kCPU);
    if (n == 0)
        return report;
    if (config.targeted)
        throw Error("minimal distances are measured untargeted");

    const at::Tensor labels = data.labels.to(at::kCPU);
    const at::Tensor cleanLogits = predictLogits(classifier, data.images, batchSize);
    const at::Tensor finite = finiteRows(cleanLogits);
    report.nonFiniteImages = falseIndices(finite);
    const at::Tensor correct = cleanLogits.argmax(1).eq(labels).logical_and(finite);
    report.cleanCorrect = correct.sum().item<std::int64_t>();
    if (report.cleanCorrect == 0)
        throw Error("model '" + report.model + "' classifies none of the " + std::to_string(n) +
                    " images correctly" + (report.nonFiniteImages.empty() ? "" : " (" + describeNonFinite(report.nonFiniteImages, n) + ")") +
                    ", so there is no minimal perturbation to measure");
    const at::Tensor attacked = correct.nonzero().squeeze(1);
    const at::Tensor noTargets;
    const bool direct = isMinimalPerturbationAttack(attack.name());
    const std::int64_t stages = direct ? 1 : 1 + bisection.rounds;
    StageProgress progress(control, attacked.numel() * stages);
    const double stageShare = double(attacked.numel());

    if (direct) {
        report.method = "direct";
        AttackConfig unbounded = config;
        unbounded.epsilon = std::numeric_limits<double>::infinity();
        progress.beginStage(stageShare, attacked.numel());
        const GroupOutcome outcome = attackGroup(classifier, data, noTargets, attack, unbounded, attacked, batchSize,
                                                 control, progress, 0, firstIndex, report.gradientEvaluations);
        report.cancelled = outcome.cancelled;
        if (!outcome.cancelled && attacked.numel() > 0) {
            report.found.index_copy_(0, attacked, outcome.reached);
            deltas.index_copy_(0, attacked, outcome.delta);
        }
    } else {
        report.method = "bisection";
        const double top =
            bisection.maxEpsilon > 0 ? bisection.maxEpsilon : wholeBox(config.norm, data.images[0].numel());
        at::Tensor low = at::zeros({n}, at::kDouble), high = at::full({n}, top, at::kDouble);
        AttackConfig probe = config;
        probe.epsilon = top;
        progress.beginStage(stageShare, attacked.numel());
        GroupOutcome first = attackGroup(classifier, data, noTargets, attack, probe, attacked, batchSize, control,
                                         progress, 0, firstIndex, report.gradientEvaluations);
        report.cancelled = first.cancelled;
        if (!first.cancelled && attacked.numel() > 0) {
            report.found.index_copy_(0, attacked, first.reached);
            deltas.index_copy_(0, attacked, first.delta);
        }
        for (int round = 0; round < bisection.rounds && !report.cancelled; ++round) {
            // Images share their midpoint exactly (halvings of the same interval), so
            // grouping by it keeps batches as large as the bisection allows.
            const at::Tensor active = report.found.nonzero().squeeze(1);
            const at::Tensor middle = (low + high) / 2;
            std::map<double, std::vector<std::int64_t>> groups;
            const auto activeRows = active.accessor<std::int64_t, 1>();
            const auto middles = middle.accessor<double, 1>();
            for (std::int64_t i = 0; i < active.numel(); ++i)
                groups[middles[activeRows[i]]].push_back(activeRows[i]);
            progress.beginStage(stageShare, active.numel());
            std::int64_t doneInRound = 0;
            for (const auto& [epsilon, rows] : groups) {
                const at::Tensor index = at::tensor(rows, at::kLong);
                probe.epsilon = epsilon;
                const GroupOutcome outcome = attackGroup(classifier, data, noTargets, attack, probe, index, batchSize,
                                                         control, progress, doneInRound, firstIndex,
                                                         report.gradientEvaluations);
                doneInRound += index.numel();
                if (outcome.cancelled) {
                    report.cancelled = true;
                    break;
                }
                const at::Tensor fooled = outcome.reached;
                high.index_copy_(
                    0, index,
                    at::where(fooled, at::full_like(index, 0, at::kDouble) + epsilon, high.index_select(0, index)));
                low.index_copy_(
                    0, index,
                    at::where(fooled, low.index_select(0, index), at::full_like(index, 0, at::kDouble) + epsilon));
                const at::Tensor fooledRows = index.masked_select(fooled);
                deltas.index_copy_(0, fooledRows, outcome.delta.index_select(0, fooled.nonzero().squeeze(1)));
            }
        }
    }

    if (!report.cancelled)
        control.report(attacked.numel() * stages, attacked.numel() * stages);
    const at::Tensor distance = distanceIn(deltas, config.norm);
    report.distance = at::where(report.found, distance, report.distance);
    const at::Tensor imageL2 = data.images.to(at::kCPU, at::kDouble).flatten(1).norm(2, {1});
    report.relativeL2 = at::where(report.found, distanceIn(deltas, Norm::L2) / imageL2.clamp_min(1e-12),
                                  at::full({n}, std::nan(""), at::kDouble));
    report.summary = summarise(report.distance, report.found);
    report.rho2 =
        report.found.any().item<bool>() ? report.relativeL2.masked_select(report.found).mean().item<double>() : 0.0;
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

std::string minimalDistancesToJson(const MinimalDistanceReport& r)
{
    nlohmann::json root;
    root["model"] = r.model;
    root["attack"] = r.attack;
    root["method"] = r.method;
    root["norm"] = toString(r.norm);
    root["images"] = r.images;
    root["clean_correct"] = r.cleanCorrect;
    root["non_finite_images"] = r.nonFiniteImages.size();
    root["non_finite_indices"] = r.nonFiniteImages;
    root["found"] = r.summary.count;
    root["mean_distance"] = r.summary.mean;
    root["median_distance"] = r.summary.median;
    root["rho2"] = r.rho2;
    root["gradient_evaluations"] = r.gradientEvaluations;
    root["seconds"] = r.seconds;
    root["cancelled"] = r.cancelled;
    return root.dump(2) + "\n";
}

std::string minimalDistancesToCsv(const MinimalDistanceReport& r, const at::Tensor& labels)
{
    std::ostringstream csv;
    csv << "index,label,found,distance_" << toString(r.norm) << ",relative_l2\n";
    const at::Tensor cpuLabels = labels.to(at::kCPU);
    for (std::int64_t i = 0; i < r.images; ++i) {
        const bool found = r.found[i].item<bool>();
        csv << i << ',' << cpuLabels[i].item<std::int64_t>() << ',' << (found ? "true" : "false") << ',';
        if (found)
            csv << r.distance[i].item<double>() << ',' << r.relativeL2[i].item<double>();
        else
            csv << ',';
        csv << '\n';
    }
    return csv.str();
}

} // namespace advlens::core
