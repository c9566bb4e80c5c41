#!/usr/bin/env bash
# Issue 19's speed-up here: `mpirun -np 2` with 1 LibTorch thread per rank
# against one process with 1 thread, on PGD-20 over Fashion-MNIST images and
# on a robustness study of zoo models. Prints the seconds of each and the ratio.
#
#   bench/mpi_scaling.sh [--cli build/app/advlens-cli] [--zoo build/zoo] [--images 1000]
#                        [--models mlp-plain,lenet-plain] [--study-images 100] [--work mpi-scaling]
set -euo pipefail
cli=build/app/advlens-cli zoo=build/zoo images=1000 models=mlp-plain,lenet-plain study_images=100 work=mpi-scaling
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cli) cli=$2 ;; --zoo) zoo=$2 ;; --images) images=$2 ;; --models) models=$2 ;;
    --study-images) study_images=$2 ;; --work) work=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
cli=$(realpath "$cli") zoo=$(realpath "$zoo")
mkdir -p "$work" && cd "$work"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
mpirun=(mpirun --oversubscribe -np 2)

seconds() { local start=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $start" | bc; }
ratio() { echo "scale=3; $1 / $2" | bc; }

eval_args=(eval --model "$zoo/lenet-plain.json" --attack pgd --steps 20 --eps 0.1 --limit "$images" --threads 1)
one=$(seconds "$cli" "${eval_args[@]}" --no-checks --out pgd-one)
two=$(seconds "${mpirun[@]}" "$cli" "${eval_args[@]}" --no-checks --out pgd-two)
echo "PGD-20, $images images, no checks: 1 process ${one} s, mpirun -np 2 ${two} s, speed-up $(ratio "$one" "$two")"
one=$(seconds "$cli" "${eval_args[@]}" --out pgdc-one)
two=$(seconds "${mpirun[@]}" "$cli" "${eval_args[@]}" --out pgdc-two)
echo "PGD-20, $images images, with the checks: 1 process ${one} s, mpirun -np 2 ${two} s, speed-up $(ratio "$one" "$two")"

list=$(echo "$models" | sed 's/[^,][^,]*/"&"/g')
cat > study.json <<JSON
{"study": "robustness", "title": "speed-up", "models": [$list], "images": $study_images, "seed": 0,
 "settings": {"accuracy_images": 10000, "ifgsm_steps": 10, "bisection_rounds": 8,
   "cw": {"binary_search_steps": 5, "max_iterations": 100}, "ead": {"binary_search_steps": 5, "max_iterations": 100},
   "clever_images": 10, "clever_batches": 30, "clever_samples": 64}}
JSON
rm -rf study-one study-two
cp "$zoo"/*.json "$zoo"/*.pt . 2>/dev/null || true
one=$(seconds "$cli" study study.json --out study-one --threads 1 --no-report)
two=$(seconds "${mpirun[@]}" "$cli" study study.json --out study-two --threads 1 --no-report)
echo "robustness study ($models, $study_images images): 1 process ${one} s, mpirun -np 2 ${two} s, speed-up $(ratio "$one" "$two")"
