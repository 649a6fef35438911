"""Independent high-precision evaluation (mpmath, 40 digits) of the paper forms of
spec/bounds.md on the tiny net of BOUND-EXAMPLE. Run: python3 spec/bounds/tiny_example.py
The printed numbers are the expected values of tests/dev/basin/bounds/TinyExampleTest.java."""
from mpmath import mp, mpf, sqrt, log, e, pi, cbrt, exp

mp.dps = 40
m, delta, gamma = 4, mpf("0.05"), mpf("0.5")
N = 6
# W1 = [[1, 0], [0, 2]], a = W2 = [1, -1], no biases, relu
a_l1, a_l2 = mpf(2), sqrt(2)
max_row_l2 = mpf(2)
path = mpf(1) * 1 + mpf(1) * 2
w1_fro, w1_spec, w2_spec = sqrt(5), mpf(2), sqrt(2)
b1, b2 = mpf(3), sqrt(2)               # l21 norms of W1^T and W2^T
x_fro, x_max_row, x_max_col = mpf("2.5"), mpf(2), sqrt(5)
margin_loss, train_error = mpf(0), mpf(0)

def conf(ln_inv_delta):               # 3 sqrt((ln 2 + ln(1/delta)) / (2m))
    return 3 * sqrt((log(2) + ln_inv_delta) / (2 * m))

L = log(1 / delta)
out = {}
out["LEELEE"] = sqrt(mpf(N) / m)
out["FINITE"] = train_error + sqrt((64 * N * log(2) + L) / (2 * m))
rad = 2 * 1 * a_l1 * max_row_l2 * x_fro / m
out["RAD_L1L2"] = margin_loss + 2 / gamma * rad + conf(L)
rad = 2 * 1 * path * sqrt(2 * log(2 * 2)) * x_max_col / m
out["PATH"] = margin_loss + 2 / gamma * rad + conf(L)
rad = x_max_row * (sqrt(2 * log(2) * 2) + 1) * w1_fro * a_l2 / sqrt(m)
out["GRS"] = margin_loss + 2 / gamma * rad + conf(L)
R = (cbrt(b1 * w2_spec) ** 2 + cbrt(b2 * w1_spec) ** 2) ** mpf(1.5)
W = 2
out["BFT_R"] = R
out["BFT"] = margin_loss + mpf(8) / m + 72 * x_fro * log(2 * W) * log(m) * R / (gamma * m) + conf(L)
beta = sqrt(w1_spec * w2_spec)
H, D, Bx = 2, 2, x_max_row
sigma = gamma / (4 * e * D * Bx * beta * sqrt(2 * H * log(4 * D * H)))
kl = beta ** 2 * (w1_fro ** 2 / w1_spec ** 2 + a_l2 ** 2 / w2_spec ** 2) / (2 * sigma ** 2)
out["NBS_SIGMA"] = sigma
out["NBS"] = margin_loss + 4 * sqrt((kl + log(6 * m) + L) / (m - 1))
for k, v in out.items():
    print(f"{k:10s} {mp.nstr(v, 20)}")

# --- Jiang et al. measures without a margin (m = 4 < 10: the margin ones do not apply) ---
# weights only: W1 (2x2), W2 (1x2); sigma = 0.5, sigma' = 0.5, eps = 1e-3
w = [mpf(1), mpf(0), mpf(0), mpf(2), mpf(1), mpf(-1)]
omega = len(w)
sig, sigm, eps = mpf("0.5"), mpf("0.5"), mpf("0.001")
fro2 = [mpf(5), mpf(2)]
spec2 = [mpf(4), mpf(2)]
jiang = {}
jiang["JIANG-PARAMS"] = mpf(omega)
jiang["JIANG-FRO-OVER-SPEC"] = fro2[0] / spec2[0] + fro2[1] / spec2[1]
jiang["JIANG-LOG-PROD-OF-SPEC"] = log(spec2[0]) + log(spec2[1])
jiang["JIANG-LOG-SUM-OF-SPEC"] = log(2) + (log(spec2[0]) + log(spec2[1])) / 2
jiang["JIANG-LOG-PROD-OF-FRO"] = log(fro2[0]) + log(fro2[1])
jiang["JIANG-PARAM-NORM"] = fro2[0] + fro2[1]
jiang["JIANG-PATH-NORM"] = mpf(1) * 1 + mpf(1) * 4
w2 = sum(x * x for x in w)
jiang["JIANG-PACBAYES-ORIG"] = w2 / (4 * sig ** 2) + log(m / sig) + 10
jiang["JIANG-PACBAYES-FLATNESS"] = 1 / sig ** 2
num = eps ** 2 + (sigm ** 2 + 1) * w2 / omega
jiang["JIANG-PACBAYES-MAG-ORIG"] = sum(log(num / (eps ** 2 + sigm ** 2 * x * x)) for x in w) / 4 + log(m / sigm) + 10
jiang["JIANG-PACBAYES-MAG-FLATNESS"] = 1 / sigm ** 2
# Neyshabur's constant-free expressions (W0 = 0, N = 6, gamma = 0.5)
prod = sqrt(spec2[0]) * sqrt(spec2[1]) / gamma
jiang["NEYSHABUR-CODE-SPEC-L21"] = log(m) * log(N) * prod * (cbrt(b1 / 2) ** 2 + cbrt(b2 / sqrt(2)) ** 2) ** mpf(1.5) / sqrt(m)
jiang["NEYSHABUR-CODE-SPEC-FRO"] = 2 * prod * sqrt(2 * fro2[0] / spec2[0] + 1 * fro2[1] / spec2[1]) / sqrt(m)
# the stagnation ball of radius r = 0.1: BFT paper form with budgets + r, + sqrt(rows) r
r = mpf("0.1")
Rs = ((cbrt((b1 + sqrt(2) * r) * (w2_spec + r))) ** 2 + (cbrt((b2 + r) * (w1_spec + r))) ** 2) ** mpf(1.5)
jiang["STAGNATION_BFT"] = margin_loss + mpf(8) / m + 72 * x_fro * log(2 * W) * log(m) * Rs / (gamma * m) + conf(L)
# Dziugaite-Roy with posterior std s = 1e-6, prior centre 0, T = 10 draws, delta' = 0.01:
# no draw flips a margin >= 1, so e_T = 0 and e+ = kl^-1(0 | ln(200)/10) = 1 - 200^(-1/10)
s, T, dp = mpf("1e-6"), 10, mpf("0.01")
e_up = 1 - exp(-log(2 / dp) / T)
lam = mpf("0.1") * exp(-mpf(1) / 100)          # j = 1: lambda* = (N s^2 + ||w||^2)/N > c, the grid's largest
kl = ((N * s ** 2 + w2) / lam - N + N * log(lam) - N * log(s ** 2)) / 2
c = (kl + 2 * log(1) + log(pi ** 2 * m / (6 * delta))) / (m - 1)
def klb(q, p):
    return (q * log(q / p) if q > 0 else 0) + (1 - q) * log((1 - q) / (1 - p))
lo, hi = e_up, mpf(1)
for _ in range(200):
    mid = (lo + hi) / 2
    if klb(e_up, mid) <= c:
        lo = mid
    else:
        hi = mid
jiang["DR_EUP"] = e_up
jiang["DR_KL"] = kl
jiang["DR_C"] = c
jiang["DR"] = lo
for k, v in jiang.items():
    print(f"{k:28s} {mp.nstr(v, 20)}")
# --- a rigorous (union-grid) value: BOUND-RAD-L1L2 ---
# budgets ||a||_1 = 2 -> level j = 4 (2^(4/4) = 2), max row = 2 -> j = 4, margin 0.5 -> j = -4;
# each adds ln kappa + 2 ln(|j| + 1) = ln(pi^2/3 - 1) + 2 ln 5 to ln(1/delta); R_hat at 0.5 is 0
kappa = pi ** 2 / 3 - 1
Lg = L + 3 * (log(kappa) + 2 * log(5))
print(f"{'RAD_L1L2_RIGOROUS':28s} {mp.nstr(margin_loss + 2 / gamma * 5 + conf(Lg), 20)}")
