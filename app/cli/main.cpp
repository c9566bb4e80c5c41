// advlens-cli: the AdvLens engine without a window, for batch studies.
#include "app/cli/commandparser.h"
#include "app/cli/commands.h"
#include "app/cli/ranks.h"

namespace {

using namespace advlens::cli;

/// What `advlens-cli --help` says besides the commands' summaries.
CommandSpec program(const std::vector<Command>& commands)
{
    std::string longRuns; // the commands that take --config
    for (const Command& command : commands)
        if (command.spec.configFile)
            longRuns += (longRuns.empty() ? "" : ", ") + command.spec.name;
    CommandSpec spec;
    spec.name = "advlens-cli";
    spec.summary = "advlens-cli: adversarial robustness of image classifiers, from the command line.";
    spec.details = "Every budget (--eps) is in pixel units of images scaled to [0, 1]: 8/255 means eight grey "
                   "levels. Without --model the default zoo model is used.\n"
                   "Long runs (" +
                   longRuns +
                   ") also read their options from a TOML file: --config FILE, options on the command line win.\n"
                   "Run 'advlens-cli <command> --help' for a command's options.\n";
    spec.examples = "  advlens-cli info\n"
                    "  advlens-cli attack --image fashion-mnist:0 --attack fgsm --eps 0.1\n"
                    "  advlens-cli eval --attack pgd --eps 0,0.05,0.1 --limit 1000 --out pgd-curve\n"
                    "  advlens-cli minimal --attack deepfool --norm l2\n"
                    "  advlens-cli train --arch all --recipe all\n"
                    "  advlens-cli study robustness\n";
    return spec;
}

} // namespace

int main(int argc, char** argv)
{
    RankSession job(argc, argv);
    const std::vector<Command> commands{infoCommand(),    trainCommand(),  attackCommand(), evalCommand(),
                                        mergeCommand(),   minimalCommand(), cleverCommand(), studyCommand(),
                                        checkModelCommand()};
    return job.finish(runCommandLine(argc, argv, program(commands), commands));
}
