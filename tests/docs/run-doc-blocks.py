#!/usr/bin/env python3
"""Runs the shell blocks of README.md and docs/*.md as a user would paste them.

Every ```sh block must be preceded by a marker line saying what happens to it:

    <!-- doc-test: run -->            run here (and in CI), on a small budget
    <!-- doc-test: long -->           run with --long only (a study, training)
    <!-- doc-test: skip: REASON -->   never run; the reason is printed

A block without a marker fails the run, so a new block cannot slip past.

Blocks run in document order, each as one bash script (set -euo pipefail), in
one scratch folder that looks like a fresh checkout after ./setup.sh: `build`,
`resources` and `app` link to the real ones, HOME and XDG_DATA_HOME are empty
folders inside it (an empty user zoo), ADVLENS_ZOO_DIR is unset. Later blocks
see what earlier ones wrote, as a reader following the page would.

"A small budget" is these rewrites of each advlens-cli command line, and no
others (printed with --list):
    --limit N                     at most 8 images
    train                         --epochs 1 --train-limit 256 --test-limit 256
    study                         --images 2
"""

import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

MARKER = re.compile(r"^<!--\s*doc-test:\s*(run|long|skip:\s*(?P<reason>.+?))\s*-->\s*$")
BUDGET_LIMIT = 8
TRAIN_BUDGET = {"--epochs": "1", "--train-limit": "256", "--test-limit": "256"}
STUDY_IMAGES = "2"
BLOCK_TIMEOUT_S = 900


class Block:
    def __init__(self, path, line, mode, reason, text):
        self.path, self.line, self.mode, self.reason, self.text = path, line, mode, reason, text

    def where(self, root):
        return f"{self.path.relative_to(root)}:{self.line}"


def read_blocks(path):
    """The ```sh blocks of one Markdown file with their markers; errors for unmarked ones."""
    blocks, errors = [], []
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        if lines[i].strip() != "```sh":
            i += 1
            continue
        start = i + 1
        j = i - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        match = MARKER.match(lines[j].strip()) if j >= 0 else None
        end = start
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        text = "\n".join(lines[start:end]) + "\n"
        if not match:
            errors.append(f"{path}:{start}: a ```sh block without a <!-- doc-test: … --> marker line above it")
        else:
            mode = "skip" if match.group("reason") else match.group(1)
            blocks.append(Block(path, start, mode, match.group("reason"), text))
        i = end + 1
    return blocks, errors


def set_option(words, option, value):
    if option in words:
        k = words.index(option)
        if k + 1 < len(words):
            words[k + 1] = value
            return
    words.extend([option, value])


def on_a_small_budget(command):
    """One logical command line (continuations joined), rewritten as the module docstring says."""
    code, hash_, comment = command.partition(" #")
    if "advlens-cli" not in code:
        return command
    words = code.split()
    if "--limit" in words:
        k = words.index("--limit")
        if k + 1 < len(words) and words[k + 1].isdigit() and int(words[k + 1]) > BUDGET_LIMIT:
            words[k + 1] = str(BUDGET_LIMIT)
    tool = next(k for k, w in enumerate(words) if w.endswith("advlens-cli"))
    subcommand = words[tool + 1] if tool + 1 < len(words) else ""
    if subcommand == "train":
        for option, value in TRAIN_BUDGET.items():
            set_option(words, option, value)
    elif subcommand == "study":
        set_option(words, "--images", STUDY_IMAGES)
    return " ".join(words) + (hash_ + comment if hash_ else "")


def script_of(block):
    joined = block.text.replace("\\\n", " ")
    return "set -euo pipefail\n" + "\n".join(on_a_small_budget(line) for line in joined.splitlines()) + "\n"


def scratch_checkout(source, build):
    root = pathlib.Path(tempfile.mkdtemp(prefix="advlens-doc-blocks-"))
    (root / "build").symlink_to(build.resolve())
    for name in ("resources", "app"):
        (root / name).symlink_to((source / name).resolve())
    for name in ("home", "data"):
        (root / name).mkdir()
    return root


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=pathlib.Path, required=True, help="the repository root")
    parser.add_argument("--build", type=pathlib.Path, required=True, help="the build folder (with zoo/)")
    parser.add_argument("--long", action="store_true", help="also run the blocks marked long")
    parser.add_argument("--list", action="store_true", help="print what would run, rewritten, and stop")
    args = parser.parse_args()

    files = [args.source / "README.md"] + sorted((args.source / "docs").glob("*.md"))
    blocks, errors = [], []
    for path in files:
        found, wrong = read_blocks(path)
        blocks += found
        errors += wrong
    for error in errors:
        print(error)
    if errors:
        return 1
    if not blocks:
        print("no ```sh blocks found: is --source the repository root?")
        return 1

    selected = [b for b in blocks if b.mode == "run" or (b.mode == "long" and args.long)]
    if args.list:
        for block in blocks:
            state = block.mode if block in selected else f"{block.mode} (not run)"
            print(f"== {block.where(args.source)}: {state}" + (f": {block.reason}" if block.reason else ""))
            if block in selected:
                print(script_of(block))
        return 0

    root = scratch_checkout(args.source, args.build)
    env = dict(os.environ, HOME=str(root / "home"), XDG_DATA_HOME=str(root / "data"), QT_QPA_PLATFORM="offscreen")
    env.pop("ADVLENS_ZOO_DIR", None)
    print(f"scratch checkout: {root}")
    failures = 0
    for block in blocks:
        where = block.where(args.source)
        if block not in selected:
            print(f"SKIP {where} ({block.reason or 'long: run with --long'})")
            continue
        started = time.monotonic()
        try:
            run = subprocess.run(["bash", "-c", script_of(block)], cwd=root, env=env, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=BLOCK_TIMEOUT_S)
            code, output = run.returncode, run.stdout.decode("utf-8", "replace")
        except subprocess.TimeoutExpired as expired:
            code, output = "timeout", (expired.stdout or b"").decode("utf-8", "replace")
        seconds = time.monotonic() - started
        if code == 0:
            print(f"PASS {where} ({seconds:.1f} s)")
        else:
            failures += 1
            print(f"FAIL {where} (exit {code}, {seconds:.1f} s); the block as run:\n{script_of(block)}"
                  f"its output (last 40 lines):")
            print("\n".join(output.splitlines()[-40:]))
    ran = sum(1 for b in selected)
    print(f"{ran - failures} of {ran} blocks ran as pasted; {len(blocks) - ran} not run")
    if failures:
        print(f"the scratch checkout is kept for a look: {root}")
        return 1
    shutil.rmtree(root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
