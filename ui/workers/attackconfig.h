#pragma once

#include "ui/workers/attackrequest.h"

namespace advlens::core {
struct AttackConfig;
}

namespace advlens::ui {

/// The core configuration of `request`, checked against the attack's
/// description as the CLI checks its flags (core::validateAttackConfig):
/// the one place where the explorer, the curve panel and the gallery turn
/// what a person set up into a core::AttackConfig. Throws core::Error with
/// a one-line reason (an unsupported norm, steps out of range).
core::AttackConfig attackConfigOf(const AttackRequest& request);

} // namespace advlens::ui
