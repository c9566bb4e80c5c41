#include "attackregistry.h"

#include "bim.h"
#include "carliniwagner.h"
#include "deepfool.h"
#include "ead.h"
#include "fgsm.h"
#include "mim.h"
#include "noise.h"
#include "pgd.h"
#include "util/error.h"

#include <functional>

namespace advlens::core {

namespace {

struct Entry {
    AttackInfo info;
    std::function<std::unique_ptr<Attack>()> make;
};

// Adding an attack: implement it in its own file and add one line here.
const std::vector<Entry>& entries()
{
    static const std::vector<Entry> table = {
        {{"fgsm", "Fast Gradient Sign Method: one step of size eps", false}, [] { return std::make_unique<Fgsm>(); }},
        {{"pgd", "Projected Gradient Descent: random start, iterative, projected (linf/l2/l1)", true},
         [] { return std::make_unique<Pgd>(); }},
        {{"bim", "Basic Iterative Method / I-FGSM: iterative FGSM from the image, step eps/steps", true},
         [] { return std::make_unique<Bim>(); }},
        {{"mim", "Momentum Iterative Method: I-FGSM with momentum on l1-normalised gradients", true},
         [] { return std::make_unique<Mim>(); }},
        {{"deepfool", "DeepFool: nearest decision boundary by linearisation (minimal, l2/linf)", true, true},
         [] { return std::make_unique<DeepFool>(); }},
        {{"cw-l2", "Carlini & Wagner l2: tanh variables, margin loss, Adam, binary search on c", true, true},
         [] { return std::make_unique<CarliniWagnerL2>(); }},
        {{"ead", "EAD: elastic-net attack (l1 + l2), ISTA/FISTA, binary search on c", true, true},
         [] { return std::make_unique<Ead>(); }},
        {{"uniform-noise", "baseline: uniform random noise in the eps-ball (no gradients)", false},
         [] { return std::make_unique<UniformNoise>(); }},
        {{"gaussian-noise", "baseline: Gaussian random noise projected into the eps-ball (no gradients)", false},
         [] { return std::make_unique<GaussianNoise>(); }},
    };
    return table;
}

} // namespace

const std::vector<AttackInfo>& availableAttacks()
{
    static const std::vector<AttackInfo> infos = [] {
        std::vector<AttackInfo> list;
        for (const Entry& entry : entries())
            list.push_back(entry.info);
        return list;
    }();
    return infos;
}

bool isMinimalPerturbationAttack(const std::string& name)
{
    for (const Entry& entry : entries())
        if (entry.info.name == name)
            return entry.info.minimal;
    return false;
}

std::unique_ptr<Attack> createAttack(const std::string& name)
{
    std::string known;
    for (const Entry& entry : entries()) {
        if (entry.info.name == name)
            return entry.make();
        known += (known.empty() ? "" : ", ") + entry.info.name;
    }
    throw Error("unknown attack '" + name + "' (known: " + known + ")");
}

} // namespace advlens::core
