#pragma once

#include "core/attacks/attackinfo.h"

#include <memory>
#include <string>
#include <vector>

namespace advlens::core {

/// Throws Error for a config the attack cannot honour: a norm it does not
/// support (or, `measuringMinimal`, does not minimise), extra keys it does not
/// read (listing those it does), values out of their described range, steps or
/// restarts out of [1, kMaxSteps] / [1, kMaxRestarts].
void validateAttackConfig(const AttackInfo& info, const AttackConfig& config, bool measuringMinimal = false);

constexpr int kMaxSteps = 100000;
constexpr int kMaxRestarts = 1000;

/// Every attack core offers, in display order (the order of registration in
/// attackregistry.cpp). Built on first use; the descriptions are checked then
/// (unique names, norms given, minimised norms of minimal attacks among their
/// norms, parameters with a range that holds their default), so a bad one
/// throws Error from the first call.
const std::vector<AttackInfo>& availableAttacks();

/// The attack an interface shows first: the first registered.
const AttackInfo& defaultAttack();

/// The description of the named attack; throws Error listing the known names.
const AttackInfo& attackInfo(const std::string& name);

/// Whether the named attack is one of the minimal-perturbation attacks
/// (AttackInfo::minimal); false for unknown names.
bool isMinimalPerturbationAttack(const std::string& name);

/// A new instance of the named attack; throws Error listing the known names.
std::unique_ptr<Attack> createAttack(const std::string& name);

/// "linf, l2, l1": norms as the CLI spells them.
std::string normList(const std::vector<Norm>& norms);

} // namespace advlens::core
