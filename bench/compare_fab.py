#!/usr/bin/python3
"""FAB-T (or, with --untargeted, FAB) in AdvLens against the authors'
AutoAttack code, on the model, images and settings of compare_apgd.py.

    /usr/bin/python3 bench/compare_fab.py --autoattack DIR [--untargeted]
        [--ours bench|cli] [--bench build/bench/bench_fab] [--cli build/app/advlens-cli]
        [--images 1000] [--norm linf] [--eps 0.1] [--steps 100] [--threads 1] [--work compare-apgd]

DIR is a checkout of https://github.com/fra31/auto-attack (the folder that
holds the `autoattack` package); nothing is downloaded here. The model is
compare_apgd.py's small Fashion-MNIST CNN (trained once per --work folder, so
the default shares compare_apgd.py's), then on the first N test images:

  reference  FABAttack_PT(targeted=True) as AutoAttack's standard version
             configures it: n_restarts 1, n_iter --steps, n_target_classes 9,
             alpha_max 0.1, eta 1.05, beta 0.9, eps --eps, seed 0; perturb()
  advlens    FAB-T with the same settings: `--ours bench` runs
             bench/bench_fab.cpp; `--ours cli` runs `advlens-cli eval
             --attack fab-t` (once fab-t is registered)

With --untargeted:

  reference  FABAttack_PT(targeted=False), n_restarts 1, the other settings
             as above: each step projects onto the closest linearised
             boundary among all classes
  advlens    `advlens-cli eval --attack fab` (implies --ours cli; bench_fab
             runs FAB-T only)

and prints robust accuracy (%) and seconds of each, on --threads threads. With
one restart neither side draws anything, so the two differ only by float
rounding (and the order of ties among the runner-up classes).
"""
import argparse
import json
import pathlib
import subprocess
import sys
import time

import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from compare_apgd import images, model_files  # noqa: E402  (the shared model and data)


def attack_name(args):
    return "fab" if args.untargeted else "fab-t"


def reference(args, model, x, y):
    sys.path.insert(0, str(args.autoattack))
    from autoattack.fab_pt import FABAttack_PT

    attack = FABAttack_PT(model, norm={"linf": "Linf", "l2": "L2"}[args.norm], n_restarts=1, n_iter=args.steps,
                          eps=args.eps, seed=0, targeted=not args.untargeted, n_target_classes=9, device="cpu")
    start = time.perf_counter()
    with torch.no_grad():
        clean = model(x).argmax(1) == y
    adversarial = attack.perturb(x, y)
    with torch.no_grad():
        robust = (model(adversarial).argmax(1) == y) & clean
    seconds = time.perf_counter() - start
    return 100.0 * robust.float().mean().item(), seconds


def ours_bench(args, weights):
    start = time.perf_counter()
    line = subprocess.run([str(args.bench), "--model", str(weights), "--images", str(args.images), "--norm",
                           args.norm, "--eps", str(args.eps), "--steps", str(args.steps), "--threads",
                           str(args.threads)], check=True, capture_output=True, text=True).stdout
    wall = time.perf_counter() - start
    result = json.loads(line)
    return 100.0 * result["robust_accuracy"], result["seconds"], wall


def ours_cli(args, metadata):
    out = args.work / f"advlens-{attack_name(args)}"
    start = time.perf_counter()
    subprocess.run([str(args.cli), "eval", "--model", str(metadata), "--attack", attack_name(args), "--norm", args.norm,
                    "--eps", str(args.eps), "--steps", str(args.steps), "--limit", str(args.images), "--no-checks",
                    "--threads", str(args.threads), "--out", str(out)], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    point = json.loads(out.with_suffix(".json").read_text())["points"][0]
    return 100.0 * point["robust_accuracy"], wall, wall


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--autoattack", type=pathlib.Path, required=True)
    parser.add_argument("--untargeted", action="store_true",
                        help="untargeted FAB (advlens-cli --attack fab) instead of FAB-T; implies --ours cli")
    parser.add_argument("--ours", choices=["bench", "cli"], default=None,
                        help="bench_fab or advlens-cli (default: bench, or cli with --untargeted)")
    parser.add_argument("--bench", type=pathlib.Path, default=pathlib.Path("build/bench/bench_fab"))
    parser.add_argument("--cli", type=pathlib.Path, default=pathlib.Path("build/app/advlens-cli"))
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--norm", choices=["linf", "l2"], default="linf")
    parser.add_argument("--eps", type=float, default=0.1)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--work", type=pathlib.Path, default=pathlib.Path("compare-apgd"))
    args = parser.parse_args()
    if args.untargeted and args.ours == "bench":
        parser.error("--untargeted needs --ours cli (bench_fab runs FAB-T only)")
    if args.ours is None:
        args.ours = "cli" if args.untargeted else "bench"
    args.work.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(args.threads)

    metadata, model = model_files(args.work)
    x, y = images("test")
    x, y = x[:args.images], y[:args.images]
    with torch.no_grad():
        clean = 100.0 * (model(x).argmax(1) == y).float().mean().item()
    classes = "all classes" if args.untargeted else "9 target classes"
    print(f"model {metadata}, clean accuracy {clean:.1f} % on {args.images} images; {attack_name(args)} "
          f"{args.norm} eps {args.eps}, {args.steps} steps, {classes}, 1 restart, {args.threads} threads")
    ours, ours_seconds, ours_wall = ours_bench(args, metadata) if args.ours == "bench" else ours_cli(args, metadata)
    theirs, theirs_seconds = reference(args, model, x, y)
    print(f"{'side':10} {'robust %':>9} {'seconds':>8}")
    print(f"{'reference':10} {theirs:9.1f} {theirs_seconds:8.1f}")
    print(f"{'advlens':10} {ours:9.1f} {ours_seconds:8.1f}   "
          f"({args.ours}; {ours_wall:.1f} s with start and data loading)")
    print(f"difference {ours - theirs:+.1f} points")


if __name__ == "__main__":
    main()
