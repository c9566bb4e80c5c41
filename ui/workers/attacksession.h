#pragma once

#include "ui/workers/attackrequest.h"

#include <functional>
#include <memory>

namespace at {
class Tensor;
}
namespace advlens::core {
class Classifier;
class EpsilonSweep;
struct RunControl;
} // namespace advlens::core

namespace advlens::ui {

/// The image the explorer shows and what has been computed for it, on the
/// model worker's thread. Attacks aim away from the class the model predicts
/// (untargeted) or at the request's target class, so "fooled" means "the
/// prediction changed", as in the panda → gibbon demo.
///
/// An attack with a fast ε-sweep (core::AttackInfo::makeSweep; FGSM, whose
/// gradient does not depend on ε): the session keeps the sweep of the last such
/// request, so moving the ε slider costs one forward pass.
class AttackSession {
public:
    using IterateHandler = std::function<void(int iteration, const Prediction& iterate)>;

    AttackSession();
    ~AttackSession();

    /// A new image (1×C×H×W in [0, 1], CPU) and its prediction; forgets cached work.
    void setImage(const at::Tensor& image, const Prediction& prediction);
    /// Forgets everything (the model changed: cached work holds references to it).
    void clear();
    bool hasImage() const;
    const Prediction& prediction() const { return m_prediction; }
    const at::Tensor& image() const;
    /// The adversarial image of the last finished attack (undefined when none).
    const at::Tensor& adversarial() const;

    /// Runs `request` on the image. `onIterate` gets intermediate iterates as
    /// they come (iterative attacks only). Throws core::Error for bad requests.
    AttackOutcome run(core::Classifier& classifier, const AttackRequest& request, const core::RunControl& control,
                      const IterateHandler& onIterate = {});

private:
    struct State;
    std::unique_ptr<State> m_state;
    Prediction m_prediction;
};

} // namespace advlens::ui
