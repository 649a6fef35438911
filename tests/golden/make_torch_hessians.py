#!/usr/bin/env python3
"""Independent float64 autograd oracle for basin's loss, gradient, Hessian and Hessian-vector products.

For each case below this builds a random 2-layer net f(x) = W2 s(W1 x + b1) + b2 as a real PyTorch
nn.Sequential(Linear, act, Linear) in float64, flattens its parameters in PyTorch's parameters() order
(which is basin's theta order, spec/network.md NET-PARAM-ORDER; asserted below), and computes with
torch.autograd in float64 and exactly basin's conventions (spec/network.md NET-LOSS):
    loss       L(theta)
    gradient   dL/dtheta                               (torch.autograd.grad)
    hessian    d2L/dtheta2 (N x N), or 8 of its rows   (torch.autograd.functional.hessian)
    v, hv      a random v and H v                      (torch.autograd.functional.hvp)
    eigenvalues of H, ascending                        (torch.linalg.eigvalsh, LAPACK)
and writes, per case, NAME_net.npz, NAME_data.npz, NAME_expected.npz, plus cases.json. Nothing here uses
basin's code. The loss formulas are PyTorch's own functions where PyTorch has the convention:
    halfsq:   0.5 * ((f - Y)**2).sum() / n  (mean)  or  0.5 * ((f - Y)**2).sum()  (sum)
    mse:      F.mse_loss(f, Y, reduction=...)                      (mean divides by n*k)
    ce:       F.cross_entropy(f, y, reduction=...)
    logistic: F.binary_cross_entropy_with_logits(f[:, 0], y, reduction=...)

Run from the repository root with Debian's PyTorch (apt-get install -y python3-torch python3-numpy):
    /usr/bin/python3 tests/golden/make_torch_hessians.py
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join("tests", "resources", "golden", "torch")
FULL_LIMIT = 100   # store the full Hessian up to this N; above it, ROWS rows of it
ROWS = 8

# name, activation, loss, reduction, d, h, k, n, b1, b2, net file naming
CASES = [
    ("relu_halfsq_mean", "relu", "halfsq", "mean", 3, 4, 2, 10, True, True, "basin"),
    ("relu_mse_sum_nob1", "relu", "mse", "sum", 5, 6, 1, 12, False, True, "basin"),
    ("tanh_ce_mean_nob2", "tanh", "ce", "mean", 4, 5, 3, 15, True, False, "basin"),
    ("tanh_logistic_sum_nobias", "tanh", "logistic", "sum", 3, 4, 1, 11, False, False, "basin"),
    ("sigmoid_mse_mean", "sigmoid", "mse", "mean", 4, 3, 2, 9, True, True, "basin"),
    ("sigmoid_ce_sum", "sigmoid", "ce", "sum", 2, 5, 4, 13, True, True, "basin"),
    ("softplus_halfsq_sum_nob1", "softplus", "halfsq", "sum", 3, 5, 2, 8, False, True, "basin"),
    ("softplus_logistic_mean", "softplus", "logistic", "mean", 5, 4, 1, 20, True, True, "basin"),
    ("leaky_ce_mean", "leaky_relu:0.1", "ce", "mean", 4, 6, 3, 16, True, True, "basin"),
    ("leaky_halfsq_mean_nobias", "leaky_relu:0.1", "halfsq", "mean", 3, 3, 1, 7, False, False, "basin"),
    ("identity_mse_mean", "identity", "mse", "mean", 3, 4, 2, 10, True, True, "basin"),
    ("identity_logistic_sum_nob2", "identity", "logistic", "sum", 4, 3, 1, 9, True, False, "basin"),
    ("relu_ce_sum_state_dict", "relu", "ce", "sum", 6, 5, 2, 14, True, True, "torch"),
    ("tanh_halfsq_mean_n227", "tanh", "halfsq", "mean", 10, 16, 3, 40, True, True, "basin"),
    ("relu_mse_mean_n302", "relu", "mse", "mean", 12, 20, 2, 50, True, True, "torch"),
    ("softplus_ce_mean_n96", "softplus", "ce", "mean", 8, 8, 4, 30, True, True, "basin"),
]


def activation(name):
    if name == "relu":
        return torch.nn.ReLU()
    if name.startswith("leaky_relu:"):
        return torch.nn.LeakyReLU(float(name.split(":")[1]))
    # softplus with PyTorch's default threshold 20 (linear above it); the data here keeps |z| far below 20
    return {"tanh": torch.nn.Tanh(), "sigmoid": torch.nn.Sigmoid(), "softplus": torch.nn.Softplus(),
            "identity": torch.nn.Identity()}[name]


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.set_default_dtype(torch.float64)
    listing = []
    for index, (name, act, loss, red, d, h, k, n, b1, b2, naming) in enumerate(CASES):
        g = torch.Generator().manual_seed(1000 + index)
        model = torch.nn.Sequential(torch.nn.Linear(d, h, bias=b1), activation(act), torch.nn.Linear(h, k, bias=b2))
        with torch.no_grad():
            for p in model.parameters():
                p.copy_(0.8 * torch.randn(p.shape, generator=g))
        params = list(model.parameters())
        theta0 = torch.cat([p.detach().flatten() for p in params])
        N = theta0.numel()
        x = torch.randn(n, d, generator=g)
        if loss in ("halfsq", "mse"):
            target = torch.randn(n, k, generator=g)
        else:
            target = torch.randint(0, 2 if loss == "logistic" else k, (n,), generator=g)

        def forward(theta):
            # the same net as `model`, as a function of the flat theta (basin's order)
            off, ps = 0, []
            for p in params:
                ps.append(theta[off:off + p.numel()].view(p.shape))
                off += p.numel()
            it = iter(ps)
            w1 = next(it)
            bias1 = next(it) if b1 else None
            w2 = next(it)
            bias2 = next(it) if b2 else None
            return F.linear(model[1](F.linear(x, w1, bias1)), w2, bias2)

        def objective(theta):
            out = forward(theta)
            if loss == "halfsq":
                s = 0.5 * ((out - target) ** 2).sum()
                return s / n if red == "mean" else s
            if loss == "mse":
                return F.mse_loss(out, target, reduction=red)
            if loss == "ce":
                return F.cross_entropy(out, target, reduction=red)
            return F.binary_cross_entropy_with_logits(out[:, 0], target.double(), reduction=red)

        # basin's theta order is PyTorch's parameters() order: the flat function equals the module
        assert torch.equal(forward(theta0), model(x)), name

        theta = theta0.clone().requires_grad_(True)
        value = objective(theta)
        grad, = torch.autograd.grad(value, theta)
        hess = torch.autograd.functional.hessian(objective, theta0)
        hess = 0.5 * (hess + hess.T)   # double-backward rounding can leave it asymmetric by an ulp
        eig = torch.linalg.eigvalsh(hess)
        v = torch.randn(N, generator=g)
        _, hv = torch.autograd.functional.hvp(objective, theta0, v)

        expected = {"loss": np.array(value.item()), "gradient": grad.numpy(), "eigenvalues": eig.numpy(),
                    "v": v.numpy(), "hv": hv.numpy()}
        if N <= FULL_LIMIT:
            expected["hessian"] = hess.numpy()
        else:
            rows = torch.randperm(N, generator=g)[:ROWS].sort().values
            expected["hessian_rows"] = hess[rows].numpy()
            expected["row_index"] = rows.numpy().astype(np.int64)
        np.savez_compressed(os.path.join(OUT, name + "_expected.npz"), **expected)

        if naming == "torch":
            net = {key: t.detach().numpy() for key, t in model.state_dict().items()}
        else:
            w = [p.detach().numpy() for p in params]
            keys = ["W1"] + (["b1"] if b1 else []) + ["W2"] + (["b2"] if b2 else [])
            net = dict(zip(keys, w))
        np.savez(os.path.join(OUT, name + "_net.npz"), **net)
        data = {"X": x.numpy()}
        if loss in ("halfsq", "mse"):
            data["Y"] = target.numpy()
        else:
            data["y"] = target.numpy().astype(np.int64)
        np.savez(os.path.join(OUT, name + "_data.npz"), **data)
        listing.append({"name": name, "activation": act, "loss": loss, "reduction": red, "d": d, "h": h, "k": k,
                        "n": n, "b1": b1, "b2": b2, "num_params": N, "net_names": sorted(net),
                        "full_hessian": N <= FULL_LIMIT})
        print(f"{name}: N={N} loss={value.item():.6g} |g|={grad.norm().item():.3g} "
              f"lambda=[{eig[0].item():.4g}, {eig[-1].item():.4g}]")

    with open(os.path.join(OUT, "cases.json"), "w") as f:
        json.dump({"generator": "tests/golden/make_torch_hessians.py", "torch": torch.__version__,
                   "numpy": np.__version__, "cases": listing}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
