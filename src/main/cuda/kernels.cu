// basin's CUDA kernels (spec COMPUTE-CUDA): FP64, arithmetic pinned so that every result is a
// function of the inputs alone and equals the Java emulator (dev.basin.compute.cuda.EmulatedKernels)
// bit for bit.
//
// Rules kept by every kernel:
//   - every multiply-add that is meant to be fused is __fma_rn (PTX fma.rn.f64); every other
//     operation is a separately rounded __dadd_rn / __dmul_rn (add.rn.f64 / mul.rn.f64), which ptxas
//     never contracts; nvcc also runs with --fmad=false, so a plain operator could not be fused;
//   - each output element is computed by one thread in a fixed order (a GEMM element is the chain
//     acc = fma(a_p, b_p, acc) over p = 0 .. k-1 from acc = +0, then C + acc or acc); tiling decides
//     only which thread computes an element, never its arithmetic; no atomics, no split reductions;
//   - indices are 64-bit where a product of sizes may exceed 2^31.
//
// PTX: bin/ptx (nvcc -ptx -arch=compute_75 --fmad=false), committed as
// src/main/resources/dev/basin/compute/cuda/kernels.ptx; tests check that ptxas -arch=sm_90 accepts
// it, that it is what nvcc makes of this file, and that no f64 add/mul/fma lacks .rn.

#define TILE_M 128
#define TILE_N 128
#define TILE_K 8
#define THREADS_X 16
#define THREADS_Y 16
#define PER_M (TILE_M / THREADS_Y)
#define PER_N (TILE_N / THREADS_X)

typedef long long i64;

// op(A)(i, p): A stored row-major with row stride lda at A + ao, transposed when ta
__device__ __forceinline__ double op_at(const double* __restrict__ a, i64 ao, int ld, int trans, i64 r, i64 c) {
  return trans ? a[ao + c * ld + r] : a[ao + r * ld + c];
}

// One depth step of a thread's 8x8 elements: acc[r][s] = fma(a_r, b_s, acc[r][s]).
__device__ __forceinline__ void tile_step(const double* as, const double* bs, int tx, int ty,
    double acc[PER_M][PER_N]) {
  double av[PER_M];
  double bv[PER_N];
#pragma unroll
  for (int r = 0; r < PER_M; r++) {
    av[r] = as[ty + THREADS_Y * r];
  }
#pragma unroll
  for (int s = 0; s < PER_N; s++) {
    bv[s] = bs[tx + THREADS_X * s];
  }
#pragma unroll
  for (int r = 0; r < PER_M; r++) {
#pragma unroll
    for (int s = 0; s < PER_N; s++) {
      acc[r][s] = __fma_rn(av[r], bv[s], acc[r][s]);
    }
  }
}

// C[m x n] (row stride ldc, at C + co) <- op(A) op(B) (+ C when accumulate), 128x128 tiles,
// 16x16 threads with 8x8 elements each (rows ty + 16 r, columns tx + 16 c), depth tiles of 8 staged
// in shared memory. Grid (ceil(n / 128), ceil(m / 128)), block (16, 16).
extern "C" __global__ void __launch_bounds__(256) gemm_tiled(
    const double* __restrict__ a, i64 ao, int lda, int ta,
    const double* __restrict__ b, i64 bo, int ldb, int tb,
    double* __restrict__ c, i64 co, int ldc,
    int m, int n, int k, int accumulate) {
  // +2 doubles per row: the loads' stores hit distinct banks
  __shared__ double as[TILE_K][TILE_M + 2];
  __shared__ double bs[TILE_K][TILE_N + 2];
  const int tx = threadIdx.x;
  const int ty = threadIdx.y;
  const int tid = ty * THREADS_X + tx;
  const i64 i0 = (i64) blockIdx.y * TILE_M;
  const i64 j0 = (i64) blockIdx.x * TILE_N;
  double acc[PER_M][PER_N];
#pragma unroll
  for (int r = 0; r < PER_M; r++) {
#pragma unroll
    for (int q = 0; q < PER_N; q++) {
      acc[r][q] = 0.0;
    }
  }
  for (int p0 = 0; p0 < k; p0 += TILE_K) {
    for (int e = tid; e < TILE_M * TILE_K; e += THREADS_X * THREADS_Y) {
      // consecutive threads read consecutive addresses of whichever layout A has
      const int r = ta ? e % TILE_M : e / TILE_K;
      const int q = ta ? e / TILE_M : e % TILE_K;
      const i64 i = i0 + r;
      const int p = p0 + q;
      as[q][r] = (i < m && p < k) ? op_at(a, ao, lda, ta, i, p) : 0.0;
    }
    for (int e = tid; e < TILE_K * TILE_N; e += THREADS_X * THREADS_Y) {
      const int q = tb ? e % TILE_K : e / TILE_N;
      const int cc = tb ? e / TILE_K : e % TILE_N;
      const int p = p0 + q;
      const i64 j = j0 + cc;
      bs[q][cc] = (j < n && p < k) ? op_at(b, bo, ldb, tb, p, j) : 0.0;
    }
    __syncthreads();
    // exactly the depth steps p < k: padding never enters a chain (it would turn -0 into +0)
    if (k - p0 >= TILE_K) {
#pragma unroll
      for (int q = 0; q < TILE_K; q++) {
        tile_step(as[q], bs[q], tx, ty, acc);
      }
    } else {
      for (int q = 0; q < k - p0; q++) {
        tile_step(as[q], bs[q], tx, ty, acc);
      }
    }
    __syncthreads();
  }
#pragma unroll
  for (int r = 0; r < PER_M; r++) {
    const i64 i = i0 + ty + THREADS_Y * r;
#pragma unroll
    for (int s = 0; s < PER_N; s++) {
      const i64 j = j0 + tx + THREADS_X * s;
      if (i < m && j < n) {
        const i64 at = co + i * ldc + j;
        c[at] = accumulate ? __dadd_rn(c[at], acc[r][s]) : acc[r][s];
      }
    }
  }
}

// The same product, one thread per element (for thin results, m or n below a tile). Grid
// ceil(m n / 256), block 256.
extern "C" __global__ void gemm_thin(
    const double* __restrict__ a, i64 ao, int lda, int ta,
    const double* __restrict__ b, i64 bo, int ldb, int tb,
    double* __restrict__ c, i64 co, int ldc,
    int m, int n, int k, int accumulate) {
  const i64 e = (i64) blockIdx.x * blockDim.x + threadIdx.x;
  if (e >= (i64) m * n) {
    return;
  }
  const i64 i = e / n;
  const i64 j = e % n;
  double acc = 0.0;
  for (int p = 0; p < k; p++) {
    acc = __fma_rn(op_at(a, ao, lda, ta, i, p), op_at(b, bo, ldb, tb, p, j), acc);
  }
  const i64 at = co + i * ldc + j;
  c[at] = accumulate ? __dadd_rn(c[at], acc) : acc;
}

// A grid-stride loop over [0, count).
#define FOR_EACH(e, count) \
  for (i64 e = (i64) blockIdx.x * blockDim.x + threadIdx.x; e < (count); e += (i64) gridDim.x * blockDim.x)

// C[i, j] = v[vo + j] for i < rows, j < cols (row stride ldc, at C + co): biases before a product.
extern "C" __global__ void fill_rows(double* __restrict__ c, i64 co, int ldc, int rows, int cols,
    const double* __restrict__ v, i64 vo) {
  FOR_EACH(e, (i64) rows * cols) {
    c[co + (e / cols) * ldc + e % cols] = v[vo + e % cols];
  }
}

// The piecewise-linear activations of NET-ACT, with the kernel's expressions (Activation.value /
// derivative): kind 0 relu, 1 leaky relu (slope), 5 identity. a = sigma(z), s1 = sigma'(z).
extern "C" __global__ void activate(int kind, double slope, const double* __restrict__ z, double* __restrict__ a,
    double* __restrict__ s1, i64 count) {
  FOR_EACH(e, count) {
    const double v = z[e];
    if (kind == 5) {
      a[e] = v;
      s1[e] = 1.0;
    } else if (kind == 0) {
      a[e] = v > 0.0 ? v : 0.0;
      s1[e] = v > 0.0 ? 1.0 : 0.0;
    } else {
      a[e] = v > 0.0 ? v : __dmul_rn(slope, v);
      s1[e] = v > 0.0 ? 1.0 : slope;
    }
  }
}

// dst = f * src.
extern "C" __global__ void scale(double f, const double* __restrict__ src, double* __restrict__ dst, i64 count) {
  FOR_EACH(e, count) {
    dst[e] = __dmul_rn(f, src[e]);
  }
}

// ra[i, j h + u] = s1[i, u] * rz[i, j h + u] for n samples, b directions side by side, h units.
extern "C" __global__ void times_derivative(const double* __restrict__ s1, const double* __restrict__ rz,
    double* __restrict__ ra, int n, int h, int b) {
  const i64 bh = (i64) b * h;
  FOR_EACH(e, (i64) n * bh) {
    const i64 i = e / bh;
    const i64 u = (e % bh) % h;
    ra[e] = __dmul_rn(s1[i * h + u], rz[e]);
  }
}

// R{g} = M_i R{o} per sample i and direction j (rows (i b + j) of k values), and c R{g}, with the
// kernel's expressions (Loss.sampleHessianTimes): kind 0/1 halfsq/mse r = f v (f = 1, 2); kind 2 ce
// with p = softmax (n k, from the host): pv = sum_o p_o v_o in order (product, then sum), r_o =
// p_o (v_o - pv); kind 3 logistic with m = s(1 - s) per sample (from the host): r = m v.
extern "C" __global__ void loss_hessian(int kind, const double* __restrict__ p, const double* __restrict__ ro,
    double* __restrict__ rg, double* __restrict__ rgc, double c, int n, int b, int k) {
  FOR_EACH(e, (i64) n * b) {
    const i64 i = e / b;
    const i64 q = e * k;
    if (kind == 0 || kind == 1) {
      const double f = kind == 0 ? 1.0 : 2.0;
      for (int o = 0; o < k; o++) {
        rg[q + o] = __dmul_rn(f, ro[q + o]);
      }
    } else if (kind == 3) {
      rg[q] = __dmul_rn(p[i], ro[q]);
    } else {
      double pv = 0.0;
      for (int o = 0; o < k; o++) {
        pv = __dadd_rn(pv, __dmul_rn(p[i * k + o], ro[q + o]));
      }
      for (int o = 0; o < k; o++) {
        rg[q + o] = __dmul_rn(p[i * k + o], __dadd_rn(ro[q + o], -pv));
      }
    }
    for (int o = 0; o < k; o++) {
      rgc[q + o] = __dmul_rn(c, rg[q + o]);
    }
  }
}

// out[oo + j] = sum_i src[so + i ld + j] for j < cols, summed in row order from +0.
extern "C" __global__ void column_sums(const double* __restrict__ src, i64 so, int ld, int rows, int cols,
    double* __restrict__ out, i64 oo) {
  FOR_EACH(j, (i64) cols) {
    double s = 0.0;
    for (i64 i = 0; i < rows; i++) {
      s = __dadd_rn(s, src[so + i * ld + j]);
    }
    out[oo + j] = s;
  }
}

// delta = c (back * s1) (NET-GRAD).
extern "C" __global__ void gradient_delta(double c, const double* __restrict__ back, const double* __restrict__ s1,
    double* __restrict__ out, i64 count) {
  FOR_EACH(e, count) {
    out[e] = __dmul_rn(c, __dmul_rn(back[e], s1[e]));
  }
}

// R{delta}[i, j h + u] = c (rb s1 + (back s2) rz) (HESS-HVP), the second term only when curved;
// rb and out may be the same array (each element reads and writes its own index only).
extern "C" __global__ void r_delta(int curved, double c, const double* rb, const double* __restrict__ s1,
    const double* __restrict__ back, const double* __restrict__ s2, const double* __restrict__ rz, double* out,
    int n, int h, int b) {
  const i64 bh = (i64) b * h;
  FOR_EACH(e, (i64) n * bh) {
    const i64 g = (e / bh) * h + (e % bh) % h;
    double t = __dmul_rn(rb[e], s1[g]);
    if (curved) {
      t = __dadd_rn(t, __dmul_rn(__dmul_rn(back[g], s2[g]), rz[e]));
    }
    out[e] = __dmul_rn(c, t);
  }
}
