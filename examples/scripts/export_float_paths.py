#!/usr/bin/python3
"""Exports variants of the TorchScript fixtures for the float-path experiment of the throughput benchmark
(ThroughputBenchmark --float-paths DIR; see BENCHMARK.md, "Faster float paths").

Usage: /usr/bin/python3 export_float_paths.py TORCHSCRIPT_DIR OUT_DIR

From TORCHSCRIPT_DIR/mnist-cnn.pt and mnist-vae-decoder.pt (the bundled models, fp32) it writes, for each of
cnn and decoder, with fp32 inputs and outputs at the boundary so that energies stay fp32:
  OUT_DIR/<name>-fp32.pt           the eager module traced again (baseline)
  OUT_DIR/<name>-bf16.pt           weights in bfloat16, input cast to bfloat16, output cast back to float32
                                   (what torch.autocast does for convolutions and linear layers)
  OUT_DIR/<name>-channels-last.pt  the CNN with channels-last weights and activations (cnn only)
Needs Debian's python3-torch (1.13); the Java side runs them on libtorch 2.7.1 through DJL.
"""
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_torchscript import Cnn, Decoder  # noqa: E402


class Bf16(nn.Module):
    def __init__(self, inner):
        super().__init__()
        self.inner = inner.to(torch.bfloat16)

    def forward(self, x):
        return self.inner(x.to(torch.bfloat16)).float()


class ChannelsLast(nn.Module):
    def __init__(self, inner):
        super().__init__()
        self.inner = inner.to(memory_format=torch.channels_last)

    def forward(self, x):
        return self.inner(x.contiguous(memory_format=torch.channels_last))


def load(module, path):
    module.load_state_dict(torch.jit.load(path).state_dict())
    return module.eval()


def save(module, example, path):
    with torch.no_grad():
        traced = torch.jit.trace(module.eval(), example, check_trace=False)
    traced.save(path)
    print("wrote", path)


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    image = torch.rand(2, 1, 28, 28)
    latent = torch.randn(2, 5)
    save(load(Cnn(), f"{src}/mnist-cnn.pt"), image, f"{out}/cnn-fp32.pt")
    save(Bf16(load(Cnn(), f"{src}/mnist-cnn.pt")), image, f"{out}/cnn-bf16.pt")
    save(ChannelsLast(load(Cnn(), f"{src}/mnist-cnn.pt")), image, f"{out}/cnn-channels-last.pt")
    save(load(Decoder(), f"{src}/mnist-vae-decoder.pt"), latent, f"{out}/decoder-fp32.pt")
    save(Bf16(load(Decoder(), f"{src}/mnist-vae-decoder.pt")), latent, f"{out}/decoder-bf16.pt")


if __name__ == "__main__":
    main()
