#!/usr/bin/env python3
"""Answer a basin golden suite with PyTorch and score the answers with `basin check`.

Three tools answer every case of the suite (spec/golden.md, GOLDEN-ANSWERS):

  torch-float64   torch.autograd in float64: loss, gradient, Hessian-vector products, and from the
                  explicit Hessian (N products) its eigenvalues, trace, diagonal, block traces,
                  Frobenius norm, density and F_min; and on classifier cases five of the catalogued
                  measures of spec/bounds.md (GOLDEN-BOUNDS), as a tool auditing bound calculations
                  would compute them. Written as JSON.
  torch-float32   the same in float32. Written as .npz (arrays CASE/QUANTITY), checked with
                  --precision float32.
  pyhessian       PyHessian's algorithms in float64: the top eigenvalue by power iteration
                  (maxIter=100, tol=1e-3) and the trace by Hutchinson (Rademacher, maxIter=100,
                  tol=1e-3), each declared as an estimator (iterative / hutchinson). JSON.

Then `basin check` scores each file (exit 0: all pass, 4: some fail) and writes its report.
With --check-expectations the outcome is compared with what the tolerance policy says must
happen (README, "Testing your tool against basin"):

  torch-float64   every answer passes;
  torch-float32   every answer whose float32 rounding model holds (the case's and, for a bound, the
                  quantity's own model_violations are empty) passes, and every case whose model does
                  not hold (near kinks, values outside float32's range) has a failing answer;
  pyhessian       every Hutchinson trace passes its variance tolerance; the power-iteration
                  eigenvalue fails on every case whose most negative eigenvalue dominates
                  (power iteration converges to the eigenvalue of largest magnitude).

Only numpy and torch are needed (Debian: python3-numpy python3-torch). Run from the repository:

    bin/basin golden --preset standard --out golden-suite
    /usr/bin/python3 examples/golden/torch_answers.py --suite golden-suite --out golden-answers
"""

import argparse
import json
import math
import os
import subprocess
import sys

import numpy as np
import torch
import torch.nn.functional as F

ACTIVATIONS = {
    "relu": lambda c: torch.nn.ReLU(),
    "leaky_relu": lambda c: torch.nn.LeakyReLU(c.get("negative_slope", 0.01)),
    "tanh": lambda c: torch.nn.Tanh(),
    "sigmoid": lambda c: torch.nn.Sigmoid(),
    # threshold=inf: log(1 + exp(z)) exactly as the suite's convention says (torch's default 20 switches to z)
    "softplus": lambda c: torch.nn.Softplus(beta=1.0, threshold=float("inf")),
    "identity": lambda c: torch.nn.Identity(),
}
POSITIVELY_HOMOGENEOUS = {"relu", "leaky_relu", "identity"}


def load_case(suite, case, dtype):
    """The model, inputs, targets and probes of a case, in dtype."""
    files = case["files"]
    net = np.load(os.path.join(suite, files["net"]))
    data = np.load(os.path.join(suite, files["data"]))
    probes = np.load(os.path.join(suite, files["probes"]))
    d, h, k = case["d"], case["h"], case["k"]
    b1, b2 = case["biases"]["0.bias"], case["biases"]["2.bias"]
    model = torch.nn.Sequential(torch.nn.Linear(d, h, bias=b1), ACTIVATIONS[case["activation"]](case),
                                torch.nn.Linear(h, k, bias=b2)).to(dtype)
    model.load_state_dict({name: torch.tensor(net[name], dtype=dtype) for name in net.files})
    x = torch.tensor(data["X"], dtype=dtype)
    if "y" in data.files:
        target = torch.tensor(data["y"], dtype=torch.long)
    else:
        target = torch.tensor(data["Y"], dtype=dtype)
    return model, x, target, probes


def loss_fn(case, out, target):
    """NET-LOSS with its reduction, in PyTorch's own functions where they exist."""
    red = case["reduction"]
    loss = case["loss"]
    if loss == "halfsq":
        s = 0.5 * ((out - target) ** 2).sum()
        return s / out.shape[0] if red == "mean" else s
    if loss == "mse":
        return F.mse_loss(out, target, reduction=red)
    if loss == "ce":
        return F.cross_entropy(out, target, reduction=red)
    return F.binary_cross_entropy_with_logits(out[:, 0], target.to(out.dtype), reduction=red)


class Hessian:
    """Loss, gradient and Hessian-vector products of one case by torch.autograd (double backward)."""

    def __init__(self, case, model, x, target):
        self.params = list(model.parameters())
        self.loss = loss_fn(case, model(x), target)
        self.grad = torch.autograd.grad(self.loss, self.params, create_graph=True)
        self.flat_grad = torch.cat([g.reshape(-1) for g in self.grad])
        self.n = self.flat_grad.numel()

    def hvp(self, v):
        hv = torch.autograd.grad(self.flat_grad, self.params, grad_outputs=v, retain_graph=True)
        return torch.cat([t.reshape(-1) for t in hv])

    def explicit(self):
        eye = torch.eye(self.n, dtype=self.flat_grad.dtype)
        return torch.stack([self.hvp(eye[j]) for j in range(self.n)], dim=1)


def block_ranges(case):
    """Index ranges of 0.weight, 0.bias, 2.weight, 2.bias (those present) in theta."""
    d, h, k = case["d"], case["h"], case["k"]
    sizes = [("0.weight", h * d), ("0.bias", h if case["biases"]["0.bias"] else 0),
             ("2.weight", k * h), ("2.bias", k if case["biases"]["2.bias"] else 0)]
    out, at = [], 0
    for name, size in sizes:
        if size:
            out.append((name, at, at + size))
        at += size
    return out


def fmin(case, diag):
    """SYM-FMIN from the diagonal: C + sum_j 2 sqrt(A_j B_j)."""
    d, h, k = case["d"], case["h"], case["k"]
    r = {name: (a, b) for name, a, b in block_ranges(case)}
    w1 = diag[0:h * d].reshape(h, d)
    a = w1.sum(axis=1)
    if "0.bias" in r:
        a = a + diag[r["0.bias"][0]:r["0.bias"][1]]
    s, e = r["2.weight"]
    b = diag[s:e].reshape(k, h).sum(axis=0)
    c = diag[r["2.bias"][0]:r["2.bias"][1]].sum() if "2.bias" in r else 0.0
    return float(c + (2.0 * np.sqrt(np.maximum(a, 0) * np.maximum(b, 0))).sum())


def margins(case, out, y):
    """BOUND-MARGIN: k = 1: (2y - 1) f(x); k >= 2: f(x)_y - max_{j != y} f(x)_j."""
    if case["k"] == 1:
        return (2 * y - 1).to(out.dtype) * out[:, 0]
    own = out.gather(1, y[:, None])[:, 0]
    others = out.scatter(1, y[:, None], float("-inf"))
    return own - others.max(dim=1).values


def bound_answers(case, model, x, y):
    """Jiang et al.'s measures that basin's catalogue has (spec/bounds.md), computed the plain way in
    the model's dtype: norms of W1 (0.weight) and W2 (2.weight), the spectral norm by torch's SVD, and
    the margin gamma = the floor(m/10)-th smallest training margin (basin audit's default)."""
    w1, w2 = model[0].weight.detach(), model[2].weight.detach()
    b1 = model[0].bias.detach() if model[0].bias is not None else torch.zeros(w1.shape[0], dtype=w1.dtype)
    b2 = model[2].bias.detach() if model[2].bias is not None else None
    fro2 = [(w ** 2).sum() for w in (w1, w2)]
    spec2 = [torch.linalg.matrix_norm(w, ord=2) ** 2 for w in (w1, w2)]
    a = {
        "JIANG-PARAM-NORM": fro2[0] + fro2[1],
        "JIANG-LOG-PROD-OF-SPEC": torch.log(spec2[0]) + torch.log(spec2[1]),
        "JIANG-FRO-OVER-SPEC": fro2[0] / spec2[0] + fro2[1] / spec2[1],
    }
    path = ((w2 ** 2).sum(dim=0) * ((w1 ** 2).sum(dim=1) + b1 ** 2)).sum()
    a["JIANG-PATH-NORM"] = path + ((b2 ** 2).sum() if b2 is not None else 0.0)
    mu, _ = torch.sort(margins(case, model(x).detach(), y))
    gamma = mu[x.shape[0] // 10 - 1]
    a["JIANG-INVERSE-MARGIN"] = 1.0 / gamma ** 2
    return {q: v.item() for q, v in a.items() if q in case["quantities"]}


def autograd_answers(suite, manifest, dtype):
    """Every quantity of every case by torch.autograd in dtype: {case: {quantity: value}}."""
    answers = {}
    for case in manifest["cases"]:
        model, x, target, probes = load_case(suite, case, dtype)
        hess = Hessian(case, model, x, target)
        a = {"loss": hess.loss.item(), "gradient": hess.flat_grad.detach()}
        for q in case["quantities"]:
            if q.startswith("hvp_"):
                v = torch.tensor(probes["v" + q[4:]], dtype=dtype)
                a[q] = hess.hvp(v).detach()
        if "spectrum" in case["quantities"]:
            H = hess.explicit().detach()
            H = 0.5 * (H + H.T)
            ev = torch.linalg.eigvalsh(H)
            diag = torch.diagonal(H)
            a["diagonal"] = diag
            a["trace"] = diag.sum().item()
            a["block_traces"] = torch.stack([diag[s:e].sum() for _, s, e in block_ranges(case)])
            a["top_eigenvalues"] = torch.flip(ev, [0])[:case["lengths"]["top_eigenvalues"]]
            a["bottom_eigenvalues"] = ev[:case["lengths"]["bottom_eigenvalues"]]
            a["spectrum"] = ev
            a["frobenius"] = torch.linalg.norm(H).item()
            grid = torch.tensor(probes["density_grid"], dtype=dtype)
            s = torch.tensor(case["inputs"]["density_kernel_width"], dtype=dtype)
            z = (grid[:, None] - ev[None, :]) / s
            a["density"] = (torch.exp(-0.5 * z * z) / (s * math.sqrt(2.0 * math.pi))).mean(dim=1)
            if "fmin" in case["quantities"]:
                a["fmin"] = fmin(case, diag.numpy().astype(np.float64))
        if "JIANG-PARAM-NORM" in case["quantities"]:
            a.update(bound_answers(case, model, x, target))
        answers[case["id"]] = {q: (v.numpy().astype(np.float64) if torch.is_tensor(v) else v) for q, v in a.items()}
    return answers


def pyhessian_answers(suite, manifest, max_iter=100, tol=1e-3):
    """PyHessian's eigenvalues() and trace() loops (hessian.py), float64, one seeded run per case."""
    answers = {}
    for case in manifest["cases"]:
        model, x, target, _ = load_case(suite, case, torch.float64)
        hess = Hessian(case, model, x, target)
        torch.manual_seed(0)
        v = torch.randn(hess.n, dtype=torch.float64)
        v = v / (v.norm() + 1e-6)
        eigenvalue = None
        for _ in range(max_iter):
            hv = hess.hvp(v).detach()
            tmp = torch.dot(hv, v).item()
            v = hv / (hv.norm() + 1e-6)
            if eigenvalue is not None and abs(eigenvalue - tmp) / (abs(eigenvalue) + 1e-6) < tol:
                eigenvalue = tmp
                break
            eigenvalue = tmp
        samples, trace = [], 0.0
        for _ in range(max_iter):
            r = torch.randint(0, 2, (hess.n,), dtype=torch.float64) * 2 - 1
            samples.append(torch.dot(hess.hvp(r).detach(), r).item())
            mean = float(np.mean(samples))
            if abs(mean - trace) / (abs(trace) + 1e-6) < tol:
                trace = mean
                break
            trace = mean
        answers[case["id"]] = {
            "top_eigenvalues": {"value": [eigenvalue], "estimator": {"kind": "iterative", "relative_tolerance": tol}},
            "trace": {"value": trace, "estimator": {"kind": "hutchinson", "samples": len(samples),
                                                    "probes": "rademacher"}},
        }
    return answers


def to_json(answers):
    def conv(v):
        if isinstance(v, np.ndarray):
            return [float(t) for t in v]
        if isinstance(v, dict):
            return {k: conv(t) for k, t in v.items()}
        return float(v) if isinstance(v, (float, np.floating)) else v
    return {c: {q: conv(v) for q, v in qs.items()} for c, qs in answers.items()}


def check(basin, suite, answers_file, report, precision=None):
    cmd = [basin, "check", "--suite", suite, "--answers", answers_file, "--report", report]
    if precision:
        cmd += ["--precision", precision]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 4):
        sys.exit("basin check failed (exit %d): %s" % (p.returncode, p.stderr.strip()))
    with open(os.path.join(report, "check.json")) as f:
        return p.returncode, json.load(f), p.stdout


def worst(rows, n=3):
    bad = sorted((r for r in rows if not r["pass"]), key=lambda r: -r["score"])[:n]
    return "; ".join("%s/%s %s tolerances off (rel. error %.2g)" % (
        r["case"], r["quantity"], "inf" if r["score_capped"] else "%.3g" % r["score"], r["relative_error"]) for r in bad)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--suite", required=True, help="the suite's folder (basin golden --out)")
    ap.add_argument("--out", required=True, help="folder for the answer files and reports")
    ap.add_argument("--basin", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bin", "basin"))
    ap.add_argument("--check-expectations", action="store_true", help="exit 1 unless the outcome is the expected one")
    args = ap.parse_args()
    torch.set_num_threads(1)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.suite, "manifest.json")) as f:
        manifest = json.load(f)
    files = {}
    f64 = autograd_answers(args.suite, manifest, torch.float64)
    files["torch-float64"] = os.path.join(args.out, "torch-float64.json")
    with open(files["torch-float64"], "w") as f:
        json.dump({"format": "basin-golden-answers/1", "tool": "torch %s autograd float64" % torch.__version__,
                   "precision": "float64", "answers": to_json(f64)}, f)
    f32 = autograd_answers(args.suite, manifest, torch.float32)
    files["torch-float32"] = os.path.join(args.out, "torch-float32.npz")
    np.savez(files["torch-float32"], **{"%s/%s" % (c, q): np.atleast_1d(np.asarray(v, dtype=np.float64))
                                         for c, qs in f32.items() for q, v in qs.items()})
    ph = pyhessian_answers(args.suite, manifest)
    files["pyhessian"] = os.path.join(args.out, "pyhessian.json")
    with open(files["pyhessian"], "w") as f:
        json.dump({"format": "basin-golden-answers/1", "tool": "PyHessian-style power iteration and Hutchinson",
                   "precision": "float64", "answers": to_json(ph)}, f)

    results = {}
    for name, path in files.items():
        code, rep, table = check(args.basin, args.suite, path, os.path.join(args.out, "report-" + name),
                                 "float32" if name == "torch-float32" else None)
        results[name] = rep
        print("== %s: basin check exit %d: %s" % (name, code, rep["summary"]["text"]))
        if rep["summary"]["failed"]:
            print("   worst: " + worst(rep["rows"]))
    if not args.check_expectations:
        return 0
    problems = []
    cases = {c["id"]: c for c in manifest["cases"]}
    if results["torch-float64"]["summary"]["failed"]:
        problems.append("torch-float64 fails: " + worst(results["torch-float64"]["rows"], 10))
    rows32 = results["torch-float32"]["rows"]
    wrong = [r for r in rows32 if not r["pass"] and not r["model_violations"]]
    if wrong:
        problems.append("torch-float32 fails where its model holds: " + worst(wrong, 10))
    for cid, c in cases.items():
        if c["model_violations"]["float32"] and all(r["pass"] for r in rows32 if r["case"] == cid):
            problems.append("torch-float32 passes %s although its float32 model does not hold (%s)"
                            % (cid, "; ".join(c["model_violations"]["float32"])))
    for r in results["pyhessian"]["rows"]:
        dominant_negative = cases[r["case"]]["facts"].get("dominant_eigenvalue") == "negative"
        if r["quantity"] == "trace" and not r["pass"]:
            problems.append("pyhessian's Hutchinson trace fails on %s (%.3g tolerances)" % (r["case"], r["score"]))
        if r["quantity"] == "top_eigenvalues" and dominant_negative and r["pass"]:
            problems.append("pyhessian's power iteration passes %s, whose lambda_min dominates" % r["case"])
    for p in problems:
        print("UNEXPECTED: " + p)
    print("expectations: " + ("met" if not problems else "%d not met" % len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
