#!/usr/bin/env bash
# Produces the TorchScript fixtures of the bring-your-own-model path:
#   examples/src/test/resources/torchscript/mnist-cnn.pt          [N,1,28,28] in [0,1] -> logits [N,10]
#   examples/src/test/resources/torchscript/mnist-vae-decoder.pt  [N,5] -> [N,1,28,28] in [0,1]
# They are the bundled mnist-cnn and mnist-vae decoder, rebuilt in PyTorch from the bundled DJL
# weights and traced in eval() mode. Only this script needs PyTorch (Debian python3-torch); the
# tests load the committed .pt files through DJL. Run from anywhere; needs root for apt-get.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/../src/test/resources/torchscript"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! /usr/bin/python3 -c 'import torch, numpy' 2>/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q python3-torch python3-numpy
fi

export DJL_OFFLINE=true OPT_OUT_TRACKING=true
(cd "$root" && ./mvnw -B -q -pl examples -am -Pexport-weights process-classes -Dprobe.export.dir="$work")
mkdir -p "$out"
/usr/bin/python3 "$here/export_torchscript.py" "$work" "$out"
ls -la "$out"
