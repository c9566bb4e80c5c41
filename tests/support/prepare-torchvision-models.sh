#!/usr/bin/env bash
# Makes the random-weight torchvision models that tst_torchvisionmodels loads,
# with our export tool and Debian's python3-torchvision (no downloads).
# Real architectures at small inputs keep the test quick; ResNet-18 keeps
# ImageNet's 224×224 so the full-size path is tested too. The transformers are
# their torchvision classes in small configurations (the B/16 and T sizes are
# 100-330 MB of random weights). Models already there are kept until the
# export tool changes.
#
#   prepare-torchvision-models.sh OUT_DIR PYTHON EXPORT_TOOL
set -euo pipefail
out="$1" python="$2" export_tool="$3"
mkdir -p "$out"
if ! "$python" -c "import torchvision" 2>/dev/null; then
  echo "prepare-torchvision-models: '$python' cannot import torchvision; install Debian's python3-torchvision" >&2
  exit 1
fi

export_model() { # name, then the export tool's arguments
  local name="$1"; shift
  # Kept unless the export tool changed since they were made.
  [ -f "$out/$name.pt" ] && [ "$out/$name.json" -nt "$export_tool" ] && return 0
  "$python" "$export_tool" torchvision "$@" --random-weights --write-probe --model-name "$name" --out "$out" 2>&1 |
    grep -v -i "warn" || true
  [ -f "$out/$name.json" ] || { echo "could not export $name" >&2; exit 1; }
}

export_model resnet18 resnet18
export_model mobilenet_v2 mobilenet_v2 --input-size 64
export_model densenet121 densenet121 --input-size 64
export_model efficientnet_b0 efficientnet_b0 --input-size 64
export_model vit-small VisionTransformer \
  --builder-args '{"image_size": 64, "patch_size": 16, "num_layers": 2, "num_heads": 2, "hidden_dim": 64, "mlp_dim": 128}'
export_model swin-small SwinTransformer --input-size 64 \
  --builder-args '{"patch_size": [4, 4], "embed_dim": 24, "depths": [2, 2], "num_heads": [2, 4], "window_size": [4, 4]}'
# ImageNet-A's 200 of ResNet-18's 1000 outputs, same weights.
[ "$out/resnet18-imagenet-a.json" -nt "$out/resnet18.json" ] ||
  "$python" "$export_tool" subset "$out/resnet18.json" --subset imagenet-a --out "$out/resnet18-imagenet-a.json"
