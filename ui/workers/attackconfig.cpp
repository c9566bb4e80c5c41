#include "ui/workers/attackconfig.h"

#include "core/attacks/attack.h"
#include "core/attacks/attackregistry.h"

namespace advlens::ui {

core::AttackConfig attackConfigOf(const AttackRequest& request)
{
    core::AttackConfig config;
    config.norm = core::parseNorm(request.norm.toStdString());
    config.epsilon = request.epsilon;
    config.steps = request.steps;
    config.stepSize = request.stepSize;
    config.targeted = request.targeted;
    config.seed = request.seed;
    const core::AttackInfo& info = core::attackInfo(request.attack.toStdString());
    if (request.queries > 0 && !info.needsGradients && info.parameter("queries"))
        config.extra["queries"] = request.queries;
    core::validateAttackConfig(info, config);
    return config;
}

} // namespace advlens::ui
