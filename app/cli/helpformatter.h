#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace CLI {
class FormatterBase;
}

namespace advlens::cli {

/// Columns --help fills: $COLUMNS, else the terminal's width when stdout is
/// one, else 80; kept within [60, 120] (narrower leaves no room beside the
/// option names, longer lines are hard to read).
std::size_t helpWidth();

/// Columns `text` takes on a terminal: one per UTF-8 code point (help text
/// has no double-width characters).
std::size_t displayWidth(const std::string& text);

/// `text` (one paragraph) broken between words into lines of at most `width`
/// columns: the first starts with `lead`, the others with `indent` spaces.
/// Words are never cut; one longer than a line gets a line of its own.
/// Every line ends in "\n".
std::string wrapParagraph(const std::string& text, std::size_t width, const std::string& lead, std::size_t indent);

/// CLI11's help for advlens-cli: the overview (commands and their summaries)
/// and each command's usage, summary, options with defaults, details and
/// examples, all wrapped at `width` columns.
std::shared_ptr<CLI::FormatterBase> makeHelpFormatter(std::size_t width);

} // namespace advlens::cli
