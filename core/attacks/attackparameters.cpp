#include "attackparameters.h"

#include "util/error.h"

#include <limits>

namespace advlens::core {

const std::vector<AttackParameter>& attackParameters()
{
    constexpr double kLarge = 1e6;
    static const std::vector<AttackParameter> parameters = {
        {"momentum", 0.0, kLarge, false, "MIM: decay of the accumulated gradient (default 1)"},
        {"l2_start", 0, 1, true,
         "PGD l2 random start: 0 radius eps*u (default), 1 uniform in the ball's volume (nearly always on the "
         "sphere)"},
        {"l1_sparsity", 0.0, 1.0, false,
         "l1 steps: quantile of |gradient| below which components are not moved (default 0.99)"},
        {"max_iterations", 1, kLarge, true, "iterations (DeepFool: default 50; C&W, EAD: per binary-search step, default 100)"},
        {"overshoot", 0.0, 1e3, false, "DeepFool: how far past the boundary to go (default 0.02)"},
        {"candidates", 2, 1e9, true, "DeepFool: classes considered, by clean logit (default 10)"},
        {"binary_search_steps", 1, 100, true, "C&W, EAD: rounds of the search on the constant c (default 5)"},
        {"initial_const", 1e-12, 1e9, false, "C&W, EAD: first constant c (default 1)"},
        {"confidence", 0.0, kLarge, false, "C&W, EAD: margin kappa the adversarial logit must win by (default 0)"},
        {"learning_rate", 1e-12, kLarge, false, "C&W: Adam's step (default 0.05); EAD: FISTA's first step (default 0.01)"},
        {"abort_early", 0, 1, true, "C&W, EAD: 1 ends a search round once the batch's summed loss stalls, as the reference (default 1)"},
        {"beta", 0.0, 1e3, false, "EAD: weight of the l1 term (default 1e-3)"},
        {"decision_rule", 0, 1, true, "EAD: 0 keeps the best elastic-net example, 1 the best l1 one (default 0)"},
        {"sigma", 0.0, std::numeric_limits<double>::max(), false,
         "Gaussian noise: standard deviation in pixel units (default from eps and the norm)"},
    };
    return parameters;
}

const AttackParameter& attackParameter(const std::string& key)
{
    for (const AttackParameter& parameter : attackParameters())
        if (parameter.key == key)
            return parameter;
    throw Error("no attack reads a setting named '" + key + "'");
}

} // namespace advlens::core
