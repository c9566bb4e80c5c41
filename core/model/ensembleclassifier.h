#pragma once

#include "core/model/classifier.h"

#include <memory>
#include <string>
#include <vector>

namespace advlens::core {

/// K classifiers seen as one: the surrogate of an ensemble transfer attack.
///
/// "Ensemble in logits" (Liu et al. 2017, "Delving into transferable
/// adversarial examples and black-box attacks"; Dong et al. 2018, MI-FGSM,
/// section 3.2): the logits are the mean of the members' logits,
/// l(x) = (1/K) Σₖ lₖ(x), so an attack's loss on the ensemble sums over the
/// members and its input gradient is the mean of theirs. Adversarial examples
/// that fool several models at once transfer better to a model none of them
/// is.
///
/// The members must take the same input (C×H×W) and have the same number of
/// classes; they keep their own normalisation and output subsets (each
/// applies its own), so the ensemble's metadata is the first member's with
/// mean 0, std 1 and no output subset, kind Ensemble, named "a+b" unless
/// given a name. Gradients flow through every member; when a member has none
/// (ONNX, a threat model), the ensemble has none either, with that member's
/// reason. Moving and training mode go to every member; parameters() are
/// theirs. Members may be shared with other users (the transfer study also
/// uses them alone), but not from another thread meanwhile: not thread-safe,
/// like every Classifier.
class EnsembleClassifier : public Classifier {
public:
    /// Throws Error for no members, a null member, or a member whose input
    /// or class count differs from the first's (one line naming both). The
    /// ensemble and every member move to the first member's device.
    explicit EnsembleClassifier(std::vector<std::shared_ptr<Classifier>> members, std::string name = {});
    ~EnsembleClassifier() override;

    /// Opens every file of metadata.members with loadClassifier on `device`
    /// (each validated on its own) and makes their ensemble, named and
    /// described by `metadata` (a "kind": "ensemble" sidecar, see README).
    /// Throws Error naming the member that fails to open.
    static std::unique_ptr<EnsembleClassifier> load(const ModelMetadata& metadata, c10::Device device);

    const std::vector<std::shared_ptr<Classifier>>& members() const { return m_members; }

    std::vector<at::Tensor> parameters() override;
    void setTrainingMode(bool training) override;
    /// Writes the sidecar (kind "ensemble", the members' metadata files);
    /// throws Error for an ensemble built in memory, whose members have no
    /// files to name.
    void save(const std::filesystem::path& jsonPath) override;
    std::string executionNote() const override;

protected:
    /// `normalised` is in pixel space here (identity normalisation).
    at::Tensor forwardNormalised(const at::Tensor& normalised) override;
    void moveModuleTo(c10::Device device) override;

private:
    std::vector<std::shared_ptr<Classifier>> m_members;
};

/// Throws Error, one line naming both models and what `purpose` needs,
/// unless `other` takes the same C×H×W input and has as many classes as
/// `first`.
void requireSameInputAndClasses(const ModelMetadata& first, const ModelMetadata& other, const std::string& purpose);

} // namespace advlens::core
