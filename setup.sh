#!/usr/bin/env bash
# AdvLens set-up on Debian 12: install packages, build (Release), train the
# default model, then start the GUI (run) or run the whole test suite (test).
#
#   ./setup.sh          install + build + default model, then start advlens
#   ./setup.sh test     install + build + default model, then run every test
#   ./setup.sh build    install + build + default model only
#
# Environment: ADVLENS_BUILD_DIR (default ./build), ADVLENS_JOBS (default: all cores).
set -euo pipefail

mode="${1:-run}"
case "$mode" in run|test|build) ;; *) echo "usage: $0 [run|test|build]" >&2; exit 2 ;; esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${ADVLENS_BUILD_DIR:-$root/build}"
jobs="${ADVLENS_JOBS:-$(nproc)}"

packages=(
  build-essential cmake pkg-config
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libqcustomplot-dev libqcustomplot2.1-qt6
  libtorch-dev libopenblas0-openmp
  libopencv-dev zlib1g-dev nlohmann-json3-dev libcli11-dev
  dataset-fashion-mnist
  libopenmpi-dev openmpi-bin   # mpirun -np N advlens-cli eval (optional for the build; tst_mpirun needs it)
  xvfb xauth fonts-noto-cjk
  python3-torchvision   # tests make random-weight torchvision models with app/export (never needed at run time)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== installing ${#missing[@]} Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${packages[@]}"
fi

echo "== configuring and building in $build ($jobs jobs)"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release
cmake --build "$build" -j "$jobs"

# The default model: the CLI's default training recipe (LeNet, plain, seeded).
if [ ! -f "$build/zoo/lenet-plain.json" ]; then
  echo "== training the default model (LeNet on Fashion-MNIST, a few minutes)"
  "$build/app/advlens-cli" train --out "$build/zoo"
fi

case "$mode" in
  build) ;;
  test)
    echo "== running the test suite"
    cd "$build"
    QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 1500 -j 2
    ;;
  run)
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      echo "No display found. Built and ready: start $build/app/gui/advlens on a desktop," >&2
      echo "or use $build/app/advlens-cli --help." >&2
      exit 0
    fi
    exec "$build/app/gui/advlens"
    ;;
esac
