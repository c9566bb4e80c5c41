#pragma once

#include "core/model/classifier.h"

#include <memory>
#include <string>

namespace advlens::core {

/// What an attacker may see of a model, so that one model can be shown under
/// each threat model.
enum class ThreatModel {
    /// White box: the logits and their input gradients, as the model gives them.
    Full,
    /// Black box with scores: the same logits, but no gradients.
    ScoresOnly,
    /// Black box with decisions: only the top-1 class.
    LabelOnly,
};

/// "full", "scores" or "label".
std::string toString(ThreatModel threat);
/// "full"/"white-box", "scores"/"scores-only", "label"/"label-only"/"decision"
/// (any case); throws Error otherwise.
ThreatModel parseThreatModel(const std::string& text);

/// A classifier seen under a threat model: the inner model with what the
/// threat model hides taken away.
///
/// Full passes everything through: logits, gradient support (the inner's,
/// copied when wrapped), feature layers and parameters. ScoresOnly returns
/// the inner's logits computed without autograd (detached, and under
/// NoGradGuard, so the inner may run its inference path). LabelOnly returns
/// the decision as logits: 1 for the top-1 class (the first on ties), 0 for
/// the others. Under either, inputGradientSupport() is unavailable, so
/// gradient attacks, CLEVER and gradient saliency refuse with the threat
/// model as the reason; there are no feature layers (Grad-CAM is a gradient
/// view) and no parameters.
///
/// What score-based attacks see under LabelOnly: a loss that is flat except
/// where the decision changes. The margin logit(y) − max others is +1 while
/// the label holds and −1 once it flips; cross-entropy is log(1 + (K−1)/e)
/// until the flip. So Square, NES and SPSA get no signal toward the boundary
/// and degrade to random search that can only notice success, which is the
/// point of the comparison: decision-based attacks (and noise, which only
/// needs decisions) are the ones that still work.
///
/// The wrapper's metadata is the inner's with mean 0, std 1 and no output
/// subset (the inner applies its own once), named "INNER+scores-only" or
/// "INNER+label-only" (the inner's name under Full). Moving and training mode
/// go to the inner. Not thread-safe, like every Classifier; the inner must
/// not be used from another thread meanwhile.
class ThreatModelClassifier : public Classifier {
public:
    /// `inner` must not be null (Error); a unique_ptr converts. The wrapper
    /// starts on the inner's device.
    ThreatModelClassifier(std::shared_ptr<Classifier> inner, ThreatModel threat);
    ~ThreatModelClassifier() override;

    ThreatModel threatModel() const { return m_threat; }
    Classifier& inner() { return *m_inner; }
    const std::shared_ptr<Classifier>& sharedInner() const { return m_inner; }

    std::vector<at::Tensor> parameters() override;
    void setTrainingMode(bool training) override;
    /// Always throws Error: a threat model is a run-time setting, not a model
    /// file (save the inner model).
    void save(const std::filesystem::path& jsonPath) override;
    std::vector<std::string> featureLayers() override;
    std::string executionNote() const override { return m_inner->executionNote(); }

    static constexpr const char* kScoresOnlyReason = "scores only: the threat model hides gradients";
    static constexpr const char* kLabelOnlyReason = "label only: the threat model shows only the decision";

protected:
    /// `normalised` is in pixel space here (identity normalisation).
    at::Tensor forwardNormalised(const at::Tensor& normalised) override;
    FeaturesAndLogits forwardNormalisedWithFeatures(const at::Tensor& normalised, const std::string& layer) override;
    void moveModuleTo(c10::Device device) override;

private:
    std::shared_ptr<Classifier> m_inner;
    ThreatModel m_threat;
};

} // namespace advlens::core
