#pragma once

#include <QPalette>

namespace advlens::test {

/// A dark desktop theme's palette (text light on dark, disabled text grey),
/// for tests and screenshots that check a widget reads on both.
QPalette darkPalette();

} // namespace advlens::test
