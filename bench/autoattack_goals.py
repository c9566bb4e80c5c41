#!/usr/bin/python3
"""Issue 18's AutoAttack and Square goals, measured with advlens-cli eval on
the same images of one model:

    /usr/bin/python3 bench/autoattack_goals.py --model MODEL.json [--images 1000]
        [--eps 0.1] [--cli build/app/advlens-cli] [--threads 1] [--work DIR] [--square]

Runs PGD-20, PGD-100, MIM-100, C&W-ℓ2 (its defaults; an image counts as fooled
when its minimal perturbation fits the ℓ∞ ball) and AutoAttack (standard) at
ℓ∞ ε, prints robust accuracy and seconds of each, AutoAttack's stage table,
and the goals: AutoAttack ≤ min(PGD-100, MIM-100, C&W); AutoAttack's time ≤
1.5 × PGD-100's × 10 (APGD-CE's one run and APGD-T's nine). With --square,
also Square (5000 queries) against PGD-50, with Square's median queries to
success. Each run is one process with --threads threads, one after another.
"""
import argparse
import json
import pathlib
import subprocess
import time

RUNS = {
    "pgd-20": ["--attack", "pgd", "--steps", "20"],
    "pgd-50": ["--attack", "pgd", "--steps", "50"],
    "pgd-100": ["--attack", "pgd", "--steps", "100"],
    "mim-100": ["--attack", "mim", "--steps", "100"],
    "cw-l2": ["--attack", "cw-l2"],
    "autoattack": ["--attack", "autoattack"],
    "square-5000": ["--attack", "square", "--set", "queries=5000"],
}


def run(args, name, work):
    out = work / name
    command = [args.cli, "eval", "--model", args.model, "--eps", str(args.eps), "--norm", "linf",
               "--limit", str(args.images), "--threads", str(args.threads), "--no-checks",
               "--out", str(out)] + RUNS[name]
    started = time.time()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.time() - started
    report = json.loads(out.with_suffix(".json").read_text())
    return report, seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--eps", type=float, default=0.1)
    parser.add_argument("--cli", default="build/app/advlens-cli")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--work", default="/tmp/autoattack-goals")
    parser.add_argument("--square", action="store_true")
    args = parser.parse_args()
    work = pathlib.Path(args.work)
    work.mkdir(parents=True, exist_ok=True)

    names = ["pgd-20", "pgd-100", "mim-100", "cw-l2", "autoattack"] + (["pgd-50", "square-5000"] if args.square else [])
    results = {}
    for name in names:
        report, seconds = run(args, name, work)
        point = report["points"][0]
        results[name] = (point, seconds)
        print(f"{name:12s} robust {100 * point['robust_accuracy']:6.2f} %  {seconds:8.1f} s", flush=True)
        if name == "autoattack":
            for stage in point["stages"]:
                print(f"    {stage['attack']:10s} attacked {stage['attacked']:5d}  robust after "
                      f"{100 * stage['robust_accuracy_after']:6.2f} %  queries {stage['queries']:10d}  "
                      f"{stage['seconds']:7.1f} s")
            for warning in report["warnings"]:
                print("    warning:", warning)

    aa = results["autoattack"][0]["robust_accuracy"]
    lowest = min(results[n][0]["robust_accuracy"] for n in ("pgd-100", "mim-100", "cw-l2"))
    print(f"goal: AutoAttack {100 * aa:.2f} % <= lowest of PGD-100, MIM-100, C&W {100 * lowest:.2f} %: "
          f"{'met' if aa <= lowest else 'NOT met'}")
    print(f"      AutoAttack {100 * aa:.2f} % vs PGD-20 {100 * results['pgd-20'][0]['robust_accuracy']:.2f} %: "
          f"{100 * (results['pgd-20'][0]['robust_accuracy'] - aa):.2f} points lower")
    ratio = results["autoattack"][1] / (10 * results["pgd-100"][1])
    print(f"      time: AutoAttack / (10 x PGD-100) = {ratio:.2f} (goal <= 1.5)")
    if args.square:
        square, pgd50 = results["square-5000"][0], results["pgd-50"][0]
        print(f"goal: Square-5000 {100 * square['robust_accuracy']:.2f} % within 3 points of PGD-50 "
              f"{100 * pgd50['robust_accuracy']:.2f} %: "
              f"{'met' if square['robust_accuracy'] - pgd50['robust_accuracy'] <= 0.03 else 'NOT met'}; "
              f"median queries to success {square.get('median_queries_to_success')}")


if __name__ == "__main__":
    main()
