#!/usr/bin/python3
"""Rebuilds two bundled models in PyTorch from their exported weights and traces them to
TorchScript, the fixtures of the bring-your-own-model path (see export-torchscript.sh).

Usage: /usr/bin/python3 export_torchscript.py WEIGHTS_DIR OUT_DIR

  WEIGHTS_DIR/mnist-cnn.npz  parameters of the bundled MNIST CNN (dev.probe.examples.train.ExportWeights)
  WEIGHTS_DIR/mnist-vae.npz  parameters of the bundled MNIST VAE
  OUT_DIR/mnist-cnn.pt          classifier: [N,1,28,28] in [0,1] -> logits [N,10]
  OUT_DIR/mnist-vae-decoder.pt  decoder:    [N,5] -> [N,1,28,28] in [0,1]

Both are traced in eval() mode (dropout off). Needs Debian's python3-torch (1.13) and numpy.
"""
import sys

import numpy as np
import torch
from torch import nn


class Cnn(nn.Module):
    """BAYES-PROBE Table 3 (left), same layer order as dev.probe.examples.models.ImageCnn."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.drop1 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(9216, 128)
        self.drop2 = nn.Dropout(0.5)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = torch.relu(self.conv1(x))
        x = torch.relu(self.conv2(x))
        x = self.drop1(torch.max_pool2d(x, 2))
        x = torch.flatten(x, 1)
        x = self.drop2(torch.relu(self.fc1(x)))
        return self.fc2(x)


class Decoder(nn.Module):
    """The decoder of dev.probe.examples.models.Vae: FC 5x400, ReLU, FC 400x784, sigmoid, reshape."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(5, 400)
        self.fc2 = nn.Linear(400, 784)

    def forward(self, z):
        return torch.sigmoid(self.fc2(torch.relu(self.fc1(z)))).reshape(-1, 1, 28, 28)


def load_into(module, npz_path, prefix=""):
    """Copies the arrays of an .npz (DJL parameter order) into the module's parameters, in order."""
    data = np.load(npz_path)
    names = [n for n in data.files if n.startswith(prefix)]
    params = list(module.parameters())
    if len(names) != len(params):
        raise SystemExit(f"{npz_path}: {len(names)} arrays for {len(params)} parameters: {names}")
    with torch.no_grad():
        for name, p in zip(names, params):
            a = torch.from_numpy(data[name].astype(np.float32))
            if tuple(a.shape) != tuple(p.shape):
                raise SystemExit(f"{name}: shape {tuple(a.shape)} != {tuple(p.shape)}")
            p.copy_(a)
    print(f"loaded {len(params)} arrays from {npz_path}: {names}")


def main():
    weights, out = sys.argv[1], sys.argv[2]
    torch.manual_seed(0)
    cnn = Cnn()
    load_into(cnn, f"{weights}/mnist-cnn.npz")
    cnn.eval()
    traced = torch.jit.trace(cnn, torch.rand(2, 1, 28, 28))
    traced.save(f"{out}/mnist-cnn.pt")

    dec = Decoder()
    # VAE parameters in DJL order: encoder (2 linear layers), then decoder (2 linear layers).
    data = np.load(f"{weights}/mnist-vae.npz")
    dec_names = [n for n in data.files if "decoder" in n]
    np.savez(f"{weights}/mnist-vae-decoder.npz", **{n: data[n] for n in dec_names})
    load_into(dec, f"{weights}/mnist-vae-decoder.npz")
    dec.eval()
    traced = torch.jit.trace(dec, torch.randn(2, 5))
    traced.save(f"{out}/mnist-vae-decoder.pt")
    print(f"wrote {out}/mnist-cnn.pt and {out}/mnist-vae-decoder.pt (torch {torch.__version__})")


if __name__ == "__main__":
    main()
