// Command-line options of the bench programs: "--name value" flags (integer,
// floating-point or text), switches without a value, positional arguments,
// --help, and one usage message for anything else. Each program declares its
// options with their defaults in place, then calls parse():
//
//   int batch = 256;
//   BenchOptions options("bench_x [--batch 256]");
//   options.add("--batch", batch);
//   if (const auto status = options.parse(argc, argv))
//       return *status;
#pragma once

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace advlens::bench {

class BenchOptions {
public:
    /// `usage`: what follows "usage: " in the message, e.g. "bench_x [--batch N]".
    explicit BenchOptions(std::string usage)
        : m_usage(std::move(usage))
    {
    }

    void add(const char* name, int& value) { addNumber(name, value, "an integer"); }
    void add(const char* name, std::int64_t& value) { addNumber(name, value, "an integer"); }
    void add(const char* name, std::uint64_t& value) { addNumber(name, value, "a non-negative integer"); }
    void add(const char* name, double& value) { addNumber(name, value, "a number"); }
    void add(const char* name, std::string& value)
    {
        m_options.push_back({name, true, [&value](const char* text) {
                                 value = text;
                                 return true;
                             }});
    }
    /// A flag without a value: sets `value` to `to` when present.
    void addSwitch(const char* name, bool& value, bool to = true)
    {
        m_options.push_back({name, false, [&value, to](const char*) {
                                 value = to;
                                 return true;
                             }});
    }
    /// Arguments that do not start with "--" land here, in order; without this
    /// call they are refused like an unknown flag.
    void addPositional(std::vector<std::string>& into) { m_positional = &into; }

    /// Reads argv[1..] into the declared variables. Empty: go on. Otherwise the
    /// program's exit status: 0 after --help or -h (usage on stdout); 2 after an
    /// unknown flag, a flag without its value or a value that is not a number
    /// (usage on stderr).
    std::optional<int> parse(int argc, char** argv)
    {
        for (int i = 1; i < argc; ++i) {
            const char* arg = argv[i];
            if (!std::strcmp(arg, "--help") || !std::strcmp(arg, "-h")) {
                std::printf("usage: %s\n", m_usage.c_str());
                return 0;
            }
            const Option* option = find(arg);
            if (!option) {
                if (m_positional && std::strncmp(arg, "--", 2) != 0) {
                    m_positional->emplace_back(arg);
                    continue;
                }
                return fail(nullptr);
            }
            const char* value = nullptr;
            if (option->takesValue) {
                if (i + 1 >= argc)
                    return fail(nullptr);
                value = argv[++i];
            }
            if (!option->read(value))
                return fail((std::string(arg) + " needs " + option->expected + ", not '" + value + "'").c_str());
            m_given.insert(option->name);
        }
        return std::nullopt;
    }

    /// Whether parse() met `name` (to tell a default from a value given).
    bool given(const std::string& name) const { return m_given.count(name) > 0; }

    /// Prints "usage: …" to stderr and returns 2, for checks the program makes itself.
    int usageError() const { return fail(nullptr); }

private:
    struct Option {
        std::string name;
        bool takesValue;
        std::function<bool(const char*)> read; ///< false: the text is not a valid value
        const char* expected = "";
    };

    template <typename T> void addNumber(const char* name, T& value, const char* expected)
    {
        m_options.push_back({name, true,
                             [&value](const char* text) {
                                 T parsed{};
                                 const char* end = text + std::strlen(text);
                                 const auto [stop, error] = std::from_chars(text, end, parsed);
                                 if (error != std::errc() || stop != end || stop == text)
                                     return false;
                                 value = parsed;
                                 return true;
                             },
                             expected});
    }

    const Option* find(const char* arg) const
    {
        for (const Option& option : m_options)
            if (option.name == arg)
                return &option;
        return nullptr;
    }

    int fail(const char* why) const
    {
        if (why)
            std::fprintf(stderr, "%s\n", why);
        std::fprintf(stderr, "usage: %s\n", m_usage.c_str());
        return 2;
    }

    std::string m_usage;
    std::vector<Option> m_options;
    std::vector<std::string>* m_positional = nullptr;
    std::set<std::string> m_given;
};

} // namespace advlens::bench
