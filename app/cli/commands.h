#pragma once

#include "app/cli/commandline.h"

namespace advlens::cli {

/// One entry per sub-command: its options and the function that runs it.
struct Command {
    CommandSpec spec;
    int (*run)(const CommandLine& line);
};

Command infoCommand();
Command trainCommand();
Command attackCommand();
Command evalCommand();
Command mergeCommand();
Command minimalCommand();
Command cleverCommand();
Command studyCommand();
Command checkModelCommand();

} // namespace advlens::cli
