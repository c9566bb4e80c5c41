// advlens-cli: the AdvLens engine without a window, for batch studies.
#include "app/cli/commands.h"

#include "core/util/error.h"

#include <c10/util/Exception.h>

#include <cstdio>
#include <cstring>

namespace {

using advlens::cli::Command;

std::vector<Command> commands()
{
    return {advlens::cli::infoCommand(), advlens::cli::trainCommand(),   advlens::cli::attackCommand(),
            advlens::cli::evalCommand(), advlens::cli::minimalCommand(), advlens::cli::cleverCommand(),
            advlens::cli::studyCommand(), advlens::cli::checkModelCommand()};
}

void printOverview()
{
    std::printf("advlens-cli: adversarial robustness of image classifiers, from the command line.\n\n"
                "Usage: advlens-cli <command> [options]\n\nCommands:\n");
    for (const Command& command : commands()) {
        // Every line of the summary: its first line alone stops mid-sentence.
        std::string summary = command.spec.summary;
        for (std::size_t at = summary.find('\n'); at != std::string::npos; at = summary.find('\n', at + 1))
            summary.replace(at, 1, "\n              ");
        std::printf("  %-11s %s\n", command.spec.name.c_str(), summary.c_str());
    }
    std::printf("\nEvery budget (--eps) is in pixel units of images scaled to [0, 1]: 8/255 means\n"
                "eight grey levels. Without --model the default zoo model is used.\n"
                "Run 'advlens-cli <command> --help' for a command's options.\n\n"
                "Examples:\n"
                "  advlens-cli info\n"
                "  advlens-cli attack --image fashion-mnist:0 --attack fgsm --eps 0.1\n"
                "  advlens-cli eval --attack pgd --eps 0,0.05,0.1 --limit 1000 --out pgd-curve\n"
                "  advlens-cli minimal --attack deepfool --norm l2\n"
                "  advlens-cli train --arch all --recipe all\n"
                "  advlens-cli study robustness\n");
}

int fail(int code, const std::string& reason)
{
    std::fprintf(stderr, "advlens-cli: %s\n", reason.c_str());
    return code;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
        std::strcmp(argv[1], "help") == 0) {
        printOverview();
        return argc < 2 ? 2 : 0;
    }
    const std::string name = argv[1];
    const std::vector<std::string> arguments(argv + 2, argv + argc);
    for (const Command& command : commands()) {
        if (command.spec.name != name)
            continue;
        try {
            const advlens::cli::CommandLine line(command.spec, arguments);
            if (line.helpRequested()) {
                std::printf("%s", advlens::cli::helpText(command.spec).c_str());
                return 0;
            }
            return command.run(line);
        } catch (const advlens::cli::UsageError& e) {
            return fail(2, e.what());
        } catch (const advlens::core::Error& e) {
            return fail(1, e.what());
        } catch (const c10::Error& e) {
            return fail(1, advlens::core::firstLine(e.what_without_backtrace()));
        } catch (const std::exception& e) {
            return fail(1, advlens::core::firstLine(e.what()));
        }
    }
    return fail(2, "unknown command '" + name + "' (run advlens-cli --help)");
}
