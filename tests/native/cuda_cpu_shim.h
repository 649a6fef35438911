// Compiles src/main/cuda/kernels.cu as plain C++ for the CPU stub of the CUDA driver (fakecuda.cpp):
// the CUDA keywords become C++, the rounding intrinsics their IEEE equivalents (std::fma is
// correctly rounded; + and * with -ffp-contract=off are add.rn and mul.rn), and __syncthreads() a
// switch to the next thread of the block (fakecuda.cpp runs a block's threads as coroutines, one
// barrier interval at a time). This executes the kernels' source logic on the CPU; it proves
// nothing about a GPU, its compiler or its hardware.
#pragma once
#include <cmath>

struct dim3 {
  unsigned x, y, z;
};

// set by the stub before it resumes a thread
extern dim3 threadIdx, blockIdx, blockDim, gridDim;

void __syncthreads();

#define __global__
#define __device__
#define __forceinline__ inline
#define __shared__ static
#define __restrict__ __restrict
#define __launch_bounds__(n)

static inline double __fma_rn(double a, double b, double c) { return std::fma(a, b, c); }
static inline double __dadd_rn(double a, double b) { return a + b; }
static inline double __dmul_rn(double a, double b) { return a * b; }
