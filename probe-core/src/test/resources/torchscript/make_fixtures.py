"""Builds the TorchScript test fixtures of probe-core (run once; Python is not needed at test time).

    /usr/bin/python3 make_fixtures.py      # Debian python3-torch 1.13

Writes, next to this script:
  classifier.pt            2 features -> 8 tanh units -> 3 logits (traced in eval() mode)
  classifier-expected.csv  x0,x1,logit0,logit1,logit2 at a few inputs (reference outputs)
  decoder.pt               2 latents -> 4 inputs, sigmoid(A z + c) with A, c below (traced in eval() mode)
  scripted-dropout-batchnorm.pt            2 -> linear 8 -> batch-norm -> ReLU -> dropout 0.5 -> 3 logits,
                                           torch.jit.script of the module in eval() mode
  scripted-dropout-batchnorm-expected.csv  its eval() outputs at the same inputs as classifier-expected.csv
  tuple-output.pt          classifier.pt returning (logits, 2x) — a model Probe must refuse with a clear message
  classifier-float64.pt    classifier.pt in float64 (same weights, so classifier-expected.csv applies)
  conv8.pt                 1x8x8 image -> Conv2d(1, 8, 3) -> ReLU -> 3 logits (8 channels: the kernel check)
"""
import os
import torch

torch.manual_seed(0)
here = os.path.dirname(os.path.abspath(__file__))

classifier = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3)).eval()
example = torch.zeros(1, 2)
torch.jit.trace(classifier, example).save(os.path.join(here, "classifier.pt"))
points = torch.tensor([[0.0, 0.0], [1.0, -1.0], [-0.5, 2.0], [3.0, 0.25]])
with torch.no_grad():
    logits = classifier(points)
with open(os.path.join(here, "classifier-expected.csv"), "w") as f:
    for x, y in zip(points.tolist(), logits.tolist()):
        f.write(",".join("%.8f" % v for v in x + y) + "\n")

decoder = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.Sigmoid()).eval()
with torch.no_grad():
    decoder[0].weight.copy_(torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [1.0, -1.0]]))
    decoder[0].bias.copy_(torch.tensor([0.0, 0.5, -0.5, 0.25]))
torch.jit.trace(decoder, example).save(os.path.join(here, "decoder.pt"))

# A scripted (not traced) module with dropout and batch-norm, saved in eval() mode: a scripted module reads
# self.training at run time, so whoever runs it in train() mode gets random dropout masks and batch statistics.
scripted = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.BatchNorm1d(8), torch.nn.ReLU(),
                               torch.nn.Dropout(0.5), torch.nn.Linear(8, 3))
with torch.no_grad():
    scripted[1].running_mean.copy_(torch.linspace(-0.5, 0.5, 8))
    scripted[1].running_var.copy_(torch.linspace(0.5, 2.0, 8))
    scripted[1].weight.copy_(torch.linspace(0.8, 1.2, 8))
    scripted[1].bias.copy_(torch.linspace(-0.2, 0.2, 8))
scripted.eval()
torch.jit.script(scripted).save(os.path.join(here, "scripted-dropout-batchnorm.pt"))
with torch.no_grad():
    logits = scripted(points)
with open(os.path.join(here, "scripted-dropout-batchnorm-expected.csv"), "w") as f:
    for x, y in zip(points.tolist(), logits.tolist()):
        f.write(",".join("%.8f" % v for v in x + y) + "\n")

# Two models a user might hand over as they are: one that returns a tuple (logits and features), one in float64.
class WithFeatures(torch.nn.Module):
    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return self.inner(x), x * 2


torch.jit.trace(WithFeatures(classifier), example).save(os.path.join(here, "tuple-output.pt"))
torch.jit.trace(classifier.double(), example.double()).save(os.path.join(here, "classifier-float64.pt"))

# A small CNN whose convolutions have 8 output channels (not a multiple of 16): machines whose oneDNN kernels compute
# such convolutions wrongly refuse it at load with the kernel check's own cause and fix (KernelCheck).
conv8 = torch.nn.Sequential(torch.nn.Conv2d(1, 8, 3), torch.nn.ReLU(), torch.nn.Flatten(),
                            torch.nn.Linear(8 * 6 * 6, 3)).eval()
torch.jit.trace(conv8, torch.zeros(1, 1, 8, 8)).save(os.path.join(here, "conv8.pt"))
