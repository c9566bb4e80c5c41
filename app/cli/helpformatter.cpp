#include "app/cli/helpformatter.h"

#include <CLI/CLI.hpp>

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace advlens::cli {

namespace {

constexpr std::size_t kMinWidth = 60; // narrower, a 26-column option list leaves no room
constexpr std::size_t kMaxWidth = 120;
constexpr std::size_t kOptionColumn = 26;  // where option descriptions start
constexpr std::size_t kCommandColumn = 15; // where the overview's command summaries start

std::vector<std::string> words(const std::string& text)
{
    std::vector<std::string> list;
    std::istringstream stream(text);
    for (std::string word; stream >> word;)
        list.push_back(word);
    return list;
}

std::size_t leadingSpaces(const std::string& line)
{
    const std::size_t first = line.find_first_not_of(' ');
    return first == std::string::npos ? line.size() : first;
}

/// `text` broken between words into lines of at most `width` columns, the
/// first starting with `lead`, the others with `next`.
std::string wrapLines(const std::string& text, std::size_t width, const std::string& lead, const std::string& next)
{
    std::string out, line = lead;
    bool empty = true; // no word on `line` yet
    for (const std::string& word : words(text)) {
        if (!empty && displayWidth(line) + 1 + displayWidth(word) > width) {
            out += line + "\n";
            line = next;
            empty = true;
        }
        line += (empty ? "" : " ") + word;
        empty = false;
    }
    // The trailing spaces of a lead with no word after it are dropped.
    line.erase(line.find_last_not_of(' ') + 1);
    return out + line + "\n";
}

/// A details line: prose at the margin continues at the margin, an indented
/// line under its indentation + 2, and a list entry "  NAME  text" (two or
/// more spaces after its first word) under its text.
std::string wrapDetailsLine(const std::string& line, std::size_t width)
{
    const std::size_t indent = leadingSpaces(line);
    if (indent == line.size())
        return "\n";
    std::size_t hanging = indent == 0 ? 0 : indent + 2;
    const std::size_t wordEnd = line.find(' ', indent);
    if (wordEnd != std::string::npos && line.compare(wordEnd, 2, "  ") == 0) {
        const std::size_t text = line.find_first_not_of(' ', wordEnd);
        if (text != std::string::npos) {
            hanging = displayWidth(line.substr(0, text));
            return wrapParagraph(line.substr(text), width, line.substr(0, text), hanging);
        }
    }
    return wrapParagraph(line.substr(indent), width, std::string(indent, ' '), hanging);
}

/// A shell command too long for a line, continued with " \" so it still pastes.
std::string wrapCommand(const std::string& command, std::size_t width, std::size_t indent)
{
    std::string out, line = std::string(indent, ' ');
    bool empty = true;
    for (const std::string& word : words(command)) {
        if (!empty && displayWidth(line) + 1 + displayWidth(word) + 2 > width) {
            out += line + " \\\n";
            line = std::string(indent + 4, ' ');
            empty = true;
        }
        line += (empty ? "" : " ") + word;
        empty = false;
    }
    return out + line + "\n";
}

/// An example: "  advlens-cli …   # comment". Too long, the comment goes on
/// its own lines above the command.
std::string wrapExampleLine(const std::string& line, std::size_t width)
{
    if (displayWidth(line) <= width)
        return line + "\n";
    const std::size_t indent = leadingSpaces(line);
    // Every line of a comment starts with "#", so the wrapped example still pastes.
    const std::string commentLead = std::string(indent, ' ') + "# ";
    if (line.compare(indent, 1, "#") == 0)
        return wrapLines(line.substr(indent + 1), width, commentLead, commentLead);
    const std::size_t hash = line.find(" # ");
    if (hash == std::string::npos)
        return wrapCommand(line, width, indent);
    return wrapLines(line.substr(hash + 3), width, commentLead, commentLead) +
           wrapCommand(line.substr(0, hash), width, indent);
}

/// The footer (details, then "Examples:" and example lines), wrapped line by line.
std::string wrapFooter(const std::string& footer, std::size_t width)
{
    std::string out;
    bool examples = false;
    std::istringstream stream(footer);
    for (std::string line; std::getline(stream, line);) {
        if (line == "Examples:")
            examples = true;
        out += examples ? wrapExampleLine(line, width) : wrapDetailsLine(line, width);
    }
    return out;
}

class HelpFormatter : public CLI::Formatter {
public:
    explicit HelpFormatter(std::size_t width)
        : m_width(width)
    {
    }

    std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode) const override
    {
        return app->get_parent() ? commandHelp(*app, name) : overview(*app, name);
    }

private:
    std::string option(const std::string& left, const std::string& help) const
    {
        if (left.size() + 1 >= kOptionColumn) // the description starts on the next line
            return left + "\n" + wrapParagraph(help, m_width, std::string(kOptionColumn, ' '), kOptionColumn);
        return wrapParagraph(help, m_width, left + std::string(kOptionColumn - left.size(), ' '), kOptionColumn);
    }

    std::string option(const CLI::Option& opt) const
    {
        const bool flag = opt.get_type_size() == 0;
        std::string left = "  --" + opt.get_lnames().front() + (flag ? "" : " " + opt.get_type_name());
        std::string help = opt.get_description();
        if (!flag && !opt.get_default_str().empty())
            help += " [default: " + opt.get_default_str() + "]";
        return option(left, help);
    }

    std::string commandHelp(const CLI::App& app, const std::string& name) const
    {
        std::string usage = "Usage: " + name + " [options]";
        std::string options;
        for (const CLI::Option* opt : app.get_options()) {
            if (opt->get_positional())
                usage += " " + opt->get_type_name();
            else if (opt != app.get_help_ptr())
                options += option(*opt);
        }
        const CLI::Option* config = app.get_parent()->get_config_ptr();
        if (app.get_fallthrough() && config)
            options += option("  --config FILE", config->get_description());
        options += option("  --help", "show this help");
        std::string help =
            usage + "\n\n" + wrapParagraph(app.get_description(), m_width, "", 0) + "\nOptions:\n" + options;
        if (!app.get_footer().empty())
            help += "\n" + wrapFooter(app.get_footer(), m_width);
        return help;
    }

    std::string overview(const CLI::App& app, const std::string& name) const
    {
        std::string help = wrapParagraph(app.get_description(), m_width, "", 0) + "\nUsage: " + name +
                           " <command> [options]\n\nCommands:\n";
        for (const CLI::App* command : app.get_subcommands({})) {
            std::string lead = "  " + command->get_name();
            lead.resize(std::max(kCommandColumn, lead.size() + 1), ' ');
            help += wrapParagraph(command->get_description(), m_width, lead, kCommandColumn);
        }
        return help + "\n" + wrapFooter(app.get_footer(), m_width);
    }

    std::size_t m_width;
};

} // namespace

std::size_t helpWidth()
{
    std::size_t columns = 0;
    if (const char* text = std::getenv("COLUMNS"))
        columns = static_cast<std::size_t>(std::strtoul(text, nullptr, 10));
    winsize size{};
    if (columns == 0 && isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0)
        columns = size.ws_col;
    return columns == 0 ? 80 : std::clamp(columns, kMinWidth, kMaxWidth);
}

std::size_t displayWidth(const std::string& text)
{
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string wrapParagraph(const std::string& text, std::size_t width, const std::string& lead, std::size_t indent)
{
    return wrapLines(text, width, lead, std::string(indent, ' '));
}

std::shared_ptr<CLI::FormatterBase> makeHelpFormatter(std::size_t width)
{
    return std::make_shared<HelpFormatter>(width);
}

} // namespace advlens::cli
