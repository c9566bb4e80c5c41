#!/usr/bin/python3
"""The Square attack in AdvLens against the authors' AutoAttack code, on the
model, images and settings of compare_apgd.py.

    /usr/bin/python3 bench/compare_square.py --autoattack DIR
        [--ours bench|cli] [--bench build/bench/bench_square] [--cli build/app/advlens-cli]
        [--images 1000] [--norm linf] [--eps 0.1,0.03] [--queries 5000] [--rescale 1]
        [--threads 1] [--work compare-apgd]

DIR is a checkout of https://github.com/fra31/auto-attack (the folder that
holds the `autoattack` package); nothing is downloaded here. The model is
compare_apgd.py's small Fashion-MNIST CNN (trained once per --work folder, so
the default shares compare_apgd.py's), then on the first N test images:

  reference  SquareAttack(p_init=0.8, n_queries=--queries, loss='margin',
             resc_schedule=--rescale, seed 0), 1 restart, run as its perturb()
             does (the images the model classifies correctly) but through
             attack_single_run so its per-image query counts are seen
  advlens    Square with queries = --queries + 1: our budget counts the first
             evaluation, so both run --queries iterations after it. `--ours
             bench` runs bench/bench_square.cpp; `--ours cli` runs
             `advlens-cli eval --attack square` (once square is registered)

and prints robust accuracy (%), the median queries of the images fooled (the
first evaluation counted, the clean check not; the lower median, as
torch.median) and seconds, each side on --threads threads. The two draw
different random squares (the reference one square per iteration for the whole
batch, ours one per image), so expect agreement within a point or so.
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


def reference(args, model, x, y, eps):
    sys.path.insert(0, str(args.autoattack))
    from autoattack.square import SquareAttack

    attack = SquareAttack(model, norm={"linf": "Linf", "l2": "L2"}[args.norm], n_queries=args.queries, eps=eps,
                          p_init=0.8, n_restarts=1, seed=0, loss="margin", resc_schedule=bool(args.rescale),
                          device="cpu")
    start = time.perf_counter()
    attack.init_hyperparam(x)
    with torch.no_grad():
        clean = model(x).argmax(1) == y
    torch.random.manual_seed(attack.seed)
    rows = clean.nonzero().squeeze(1)
    queries, adversarial = attack.attack_single_run(x[rows], y[rows])
    with torch.no_grad():
        fooled = model(adversarial).argmax(1) != y[rows]
    seconds = time.perf_counter() - start
    robust = 100.0 * (clean.sum() - fooled.sum()).item() / len(x)
    median = queries[fooled].median().item() if fooled.any() else float("nan")
    return robust, median, seconds


def ours_bench(args, metadata, eps):
    start = time.perf_counter()
    out = subprocess.run([str(args.bench), "--model", str(metadata), "--images", str(args.images), "--norm", args.norm,
                          "--eps", str(eps), "--queries", str(args.queries + 1), "--rescale", str(args.rescale),
                          "--threads", str(args.threads)], check=True, capture_output=True, text=True).stdout
    row = json.loads(out.strip().splitlines()[-1])
    return 100.0 * row["robust_accuracy"], row["median_queries"], time.perf_counter() - start


def ours_cli(args, metadata, eps):
    out = args.work / f"advlens-square-{args.norm}-{eps}"
    start = time.perf_counter()
    subprocess.run([str(args.cli), "eval", "--model", str(metadata), "--attack", "square", "--norm", args.norm,
                    "--eps", str(eps), "--set", f"queries={args.queries + 1},p_init=0.8,rescale_schedule={args.rescale}",
                    "--limit", str(args.images), "--no-checks", "--threads", str(args.threads), "--out", str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    point = json.loads(out.with_suffix(".json").read_text())["points"][0]
    return 100.0 * point["robust_accuracy"], point.get("median_queries_to_success", float("nan")), seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--autoattack", type=pathlib.Path, required=True)
    parser.add_argument("--ours", choices=["bench", "cli"], default="bench")
    parser.add_argument("--bench", type=pathlib.Path, default=pathlib.Path("build/bench/bench_square"))
    parser.add_argument("--cli", type=pathlib.Path, default=pathlib.Path("build/app/advlens-cli"))
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--norm", choices=["linf", "l2"], default="linf")
    parser.add_argument("--eps", default="0.1,0.03", help="comma-separated budgets")
    parser.add_argument("--queries", type=int, default=5000, help="the reference's n_queries")
    parser.add_argument("--rescale", type=int, choices=[0, 1], default=1,
                        help="resc_schedule (1: the class default; AutoAttack's standard version passes 0)")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--work", type=pathlib.Path, default=pathlib.Path("compare-apgd"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(args.threads)

    metadata, model = model_files(args.work)
    x, y = images("test")
    x, y = x[:args.images], y[:args.images]
    with torch.no_grad():
        clean = 100.0 * (model(x).argmax(1) == y).float().mean().item()
    print(f"model {metadata}, clean accuracy {clean:.1f} % on {args.images} images; {args.norm}, "
          f"{args.queries} iterations after the first query, p_init 0.8, rescale {args.rescale}, "
          f"{args.threads} thread(s) each, ours via {args.ours}")
    ours = ours_bench if args.ours == "bench" else ours_cli
    print(f"{'eps':>6} {'reference %':>12} {'advlens %':>10} {'ref median q':>13} {'our median q':>13} "
          f"{'reference s':>12} {'advlens s':>10}")
    for eps in (float(e) for e in args.eps.split(",")):
        a, aq, s = ours(args, metadata, eps)
        r, rq, rs = reference(args, model, x, y, eps)
        print(f"{eps:6g} {r:12.1f} {a:10.1f} {rq:13.0f} {aq:13.0f} {rs:12.1f} {s:10.1f}", flush=True)


if __name__ == "__main__":
    main()
