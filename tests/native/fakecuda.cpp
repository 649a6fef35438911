// A CPU stand-in for the libcuda.so.1 entry points that dev.basin.compute.cuda.CudaDriver binds, for
// CI without a GPU (spec COMPUTE-CUDA "Binding tests"). Memory is malloc, copies are memcpy, and a
// launch runs the kernel of src/main/cuda/kernels.cu compiled for the CPU (cuda_cpu_shim.h): every
// block in turn, its threads as coroutines that switch at __syncthreads(). The Java binding layer
// (symbol lookup, argument marshalling, the kernelParams array, grid arithmetic, error mapping)
// and the kernels' source logic are exercised; nothing here says anything about a GPU.
//
// Built at test time by tests/dev/basin/compute/cuda/FakeCuda.java:
//   g++ -std=c++17 -O1 -ffp-contract=off -shared -fPIC -I src/main/cuda fakecuda.cpp -o libfakecuda.so
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <ucontext.h>

#include "cuda_cpu_shim.h"
#include "kernels.cu"

dim3 threadIdx, blockIdx, blockDim, gridDim;

typedef int CUresult;
typedef unsigned long long CUdeviceptr;

namespace {

const CUresult SUCCESS = 0, INVALID_VALUE = 1, OUT_OF_MEMORY = 2, NOT_INITIALIZED = 3, INVALID_IMAGE = 200,
               NOT_FOUND = 500, INVALID_HANDLE = 400, LAUNCH_FAILED = 719;

bool inited = false;
std::string module_image;
long long allocated = 0;     // bytes live
long long limit = 1LL << 31; // the stub device's memory (2 GiB)
long long launches = 0;

// ---------------------------------------------------------------- running a grid

const int STACK = 1 << 16;
ucontext_t scheduler;
ucontext_t* contexts = nullptr;
char* stacks = nullptr;
bool* done = nullptr;
int capacity = 0;
int current = 0;
void (*body)(void**) = nullptr;
void** body_params = nullptr;

void thread_main() {
  body(body_params);
  done[current] = true;
}

void set_thread(int t) {
  threadIdx.x = t % blockDim.x;
  threadIdx.y = (t / blockDim.x) % blockDim.y;
  threadIdx.z = 0;
}

// Runs one block's threads as coroutines: each round resumes every live thread until its next
// barrier (or its end), so all threads reach barrier r before any passes it.
void run_block_with_barriers(int threads) {
  if (threads > capacity) {
    free(contexts);
    free(stacks);
    free(done);
    contexts = (ucontext_t*) calloc(threads, sizeof(ucontext_t));
    stacks = (char*) malloc((size_t) threads * STACK);
    done = (bool*) calloc(threads, sizeof(bool));
    capacity = threads;
  }
  for (int t = 0; t < threads; t++) {
    getcontext(&contexts[t]);
    contexts[t].uc_stack.ss_sp = stacks + (size_t) t * STACK;
    contexts[t].uc_stack.ss_size = STACK;
    contexts[t].uc_link = &scheduler;
    makecontext(&contexts[t], thread_main, 0);
    done[t] = false;
  }
  int live = threads;
  // alternate the order of the rounds: a missing barrier shows either way
  for (int round = 0; live > 0; round++) {
    for (int s = 0; s < threads; s++) {
      int t = round % 2 == 0 ? s : threads - 1 - s;
      if (done[t]) {
        continue;
      }
      current = t;
      set_thread(t);
      swapcontext(&scheduler, &contexts[t]);
      if (done[t]) {
        live--;
      }
    }
  }
}

void run_grid(void (*f)(void**), void** params, unsigned gx, unsigned gy, unsigned bx, unsigned by, bool barriers) {
  gridDim = {gx, gy, 1};
  blockDim = {bx, by, 1};
  body = f;
  body_params = params;
  for (unsigned y = 0; y < gy; y++) {
    for (unsigned x = 0; x < gx; x++) {
      blockIdx = {x, y, 0};
      if (barriers) {
        run_block_with_barriers((int) (bx * by));
      } else {
        for (int t = 0; t < (int) (bx * by); t++) {
          set_thread(t);
          f(params);
        }
      }
    }
  }
}

template <typename T>
T arg(void** p, int i) {
  return *(T*) p[i];
}

typedef const double* cdp;
typedef double* dp;

#define GEMM_ARGS                                                                                                   \
  arg<cdp>(p, 0), arg<long long>(p, 1), arg<int>(p, 2), arg<int>(p, 3), arg<cdp>(p, 4), arg<long long>(p, 5),      \
      arg<int>(p, 6), arg<int>(p, 7), arg<dp>(p, 8), arg<long long>(p, 9), arg<int>(p, 10), arg<int>(p, 11),        \
      arg<int>(p, 12), arg<int>(p, 13), arg<int>(p, 14)

void k_gemm_tiled(void** p) { gemm_tiled(GEMM_ARGS); }
void k_gemm_thin(void** p) { gemm_thin(GEMM_ARGS); }
void k_fill_rows(void** p) {
  fill_rows(arg<dp>(p, 0), arg<long long>(p, 1), arg<int>(p, 2), arg<int>(p, 3), arg<int>(p, 4), arg<cdp>(p, 5),
            arg<long long>(p, 6));
}
void k_activate(void** p) {
  activate(arg<int>(p, 0), arg<double>(p, 1), arg<cdp>(p, 2), arg<dp>(p, 3), arg<dp>(p, 4), arg<long long>(p, 5));
}
void k_scale(void** p) { scale(arg<double>(p, 0), arg<cdp>(p, 1), arg<dp>(p, 2), arg<long long>(p, 3)); }
void k_times_derivative(void** p) {
  times_derivative(arg<cdp>(p, 0), arg<cdp>(p, 1), arg<dp>(p, 2), arg<int>(p, 3), arg<int>(p, 4), arg<int>(p, 5));
}
void k_loss_hessian(void** p) {
  loss_hessian(arg<int>(p, 0), arg<cdp>(p, 1), arg<cdp>(p, 2), arg<dp>(p, 3), arg<dp>(p, 4), arg<double>(p, 5),
               arg<int>(p, 6), arg<int>(p, 7), arg<int>(p, 8));
}
void k_column_sums(void** p) {
  column_sums(arg<cdp>(p, 0), arg<long long>(p, 1), arg<int>(p, 2), arg<int>(p, 3), arg<int>(p, 4), arg<dp>(p, 5),
              arg<long long>(p, 6));
}
void k_gradient_delta(void** p) {
  gradient_delta(arg<double>(p, 0), arg<cdp>(p, 1), arg<cdp>(p, 2), arg<dp>(p, 3), arg<long long>(p, 4));
}
void k_r_delta(void** p) {
  r_delta(arg<int>(p, 0), arg<double>(p, 1), arg<cdp>(p, 2), arg<cdp>(p, 3), arg<cdp>(p, 4), arg<cdp>(p, 5),
          arg<cdp>(p, 6), arg<dp>(p, 7), arg<int>(p, 8), arg<int>(p, 9), arg<int>(p, 10));
}

struct Kernel {
  const char* name;
  void (*run)(void**);
  bool barriers;
  int block_dims;  // 1 or 2: the block shape the Java side must launch it with
};

const Kernel KERNELS[] = {
    {"gemm_tiled", k_gemm_tiled, true, 2},          {"gemm_thin", k_gemm_thin, false, 1},
    {"fill_rows", k_fill_rows, false, 1},           {"activate", k_activate, false, 1},
    {"scale", k_scale, false, 1},                   {"times_derivative", k_times_derivative, false, 1},
    {"loss_hessian", k_loss_hessian, false, 1},     {"column_sums", k_column_sums, false, 1},
    {"gradient_delta", k_gradient_delta, false, 1}, {"r_delta", k_r_delta, false, 1},
};

}  // namespace

// a thread reached a barrier: back to the scheduler, which resumes it in the next round
void __syncthreads() { swapcontext(&contexts[current], &scheduler); }

extern "C" {

CUresult cuInit(unsigned flags) {
  inited = flags == 0;
  return inited ? SUCCESS : INVALID_VALUE;
}
CUresult cuDriverGetVersion(int* v) {
  *v = 13000;
  return SUCCESS;
}
CUresult cuDeviceGetCount(int* n) {
  if (!inited) return NOT_INITIALIZED;
  *n = 1;
  return SUCCESS;
}
CUresult cuDeviceGet(int* d, int ordinal) {
  if (!inited) return NOT_INITIALIZED;
  if (ordinal != 0) return INVALID_VALUE;
  *d = 0;
  return SUCCESS;
}
CUresult cuDeviceGetName(char* name, int len, int d) {
  strncpy(name, "basin CPU stub of the CUDA driver (not a GPU)", len);
  name[len - 1] = 0;
  return SUCCESS;
}
CUresult cuDeviceGetAttribute(int* v, int attribute, int d) {
  if (attribute == 75) *v = 9;        // compute capability major
  else if (attribute == 76) *v = 0;   // minor
  else if (attribute == 16) *v = 1;   // multiprocessors
  else return INVALID_VALUE;
  return SUCCESS;
}
CUresult cuDevicePrimaryCtxRetain(void** ctx, int d) {
  if (!inited) return NOT_INITIALIZED;
  *ctx = (void*) 0x1;
  return SUCCESS;
}
CUresult cuDevicePrimaryCtxRelease_v2(int d) { return SUCCESS; }
CUresult cuCtxSetCurrent(void* ctx) { return ctx == (void*) 0x1 ? SUCCESS : INVALID_HANDLE; }
CUresult cuCtxSynchronize(void) { return SUCCESS; }

// The image must be the kernels' PTX: a version line and an entry for every kernel.
CUresult cuModuleLoadData(void** module, const void* image) {
  const char* text = (const char*) image;
  if (!strstr(text, ".version") || !strstr(text, ".target")) return INVALID_IMAGE;
  module_image = text;
  *module = (void*) 0x2;
  return SUCCESS;
}
CUresult cuModuleUnload(void* module) { return module == (void*) 0x2 ? SUCCESS : INVALID_HANDLE; }
CUresult cuModuleGetFunction(void** f, void* module, const char* name) {
  if (module != (void*) 0x2) return INVALID_HANDLE;
  std::string entry = std::string(".entry ") + name + "(";
  if (module_image.find(entry) == std::string::npos) return NOT_FOUND;
  for (const Kernel& k : KERNELS) {
    if (strcmp(k.name, name) == 0) {
      *f = (void*) &k;
      return SUCCESS;
    }
  }
  return NOT_FOUND;
}

CUresult cuMemGetInfo_v2(size_t* free_bytes, size_t* total) {
  *free_bytes = (size_t) (limit - allocated);
  *total = (size_t) limit;
  return SUCCESS;
}
CUresult cuMemAlloc_v2(CUdeviceptr* p, size_t n) {
  if ((long long) n + 16 > limit - allocated) return OUT_OF_MEMORY;
  // a 16-byte header remembers the size; the data are poisoned with NaN-like bytes (contents undefined)
  char* q = (char*) malloc(n + 16);
  if (!q) return OUT_OF_MEMORY;
  *(size_t*) q = n;
  memset(q + 16, 0xFF, n);
  allocated += (long long) n + 16;
  *p = (CUdeviceptr) (uintptr_t) (q + 16);
  return SUCCESS;
}
CUresult cuMemFree_v2(CUdeviceptr p) {
  if (!p) return INVALID_VALUE;
  char* q = (char*) (uintptr_t) p - 16;
  allocated -= (long long) *(size_t*) q + 16;
  free(q);
  return SUCCESS;
}
CUresult cuMemcpyHtoD_v2(CUdeviceptr d, const void* h, size_t n) {
  memcpy((void*) (uintptr_t) d, h, n);
  return SUCCESS;
}
CUresult cuMemcpyDtoH_v2(void* h, CUdeviceptr d, size_t n) {
  memcpy(h, (const void*) (uintptr_t) d, n);
  return SUCCESS;
}

CUresult cuLaunchKernel(void* f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                        unsigned shmem, void* stream, void** params, void** extra) {
  const Kernel* k = (const Kernel*) f;
  if (!k || gx == 0 || gy == 0 || gz != 1 || bz != 1 || shmem != 0 || extra) return INVALID_VALUE;
  if (bx * by > 1024 || (k->block_dims == 1 && by != 1) || (k->block_dims == 2 && (bx != 16 || by != 16))) {
    return LAUNCH_FAILED;
  }
  run_grid(k->run, params, gx, gy, bx, by, k->barriers);
  launches++;
  return SUCCESS;
}

CUresult cuEventCreate(void** e, unsigned flags) {
  *e = malloc(sizeof(long long));
  return SUCCESS;
}
CUresult cuEventRecord(void* e, void* stream) {
  *(long long*) e = launches;
  return SUCCESS;
}
CUresult cuEventSynchronize(void* e) { return SUCCESS; }
CUresult cuEventElapsedTime_v2(float* ms, void* start, void* end) {
  *ms = 0.0f;
  return SUCCESS;
}
CUresult cuEventDestroy_v2(void* e) {
  free(e);
  return SUCCESS;
}
CUresult cuGetErrorName(CUresult e, const char** s) {
  switch (e) {
    case SUCCESS: *s = "CUDA_SUCCESS"; break;
    case INVALID_VALUE: *s = "CUDA_ERROR_INVALID_VALUE"; break;
    case OUT_OF_MEMORY: *s = "CUDA_ERROR_OUT_OF_MEMORY"; break;
    case NOT_INITIALIZED: *s = "CUDA_ERROR_NOT_INITIALIZED"; break;
    case INVALID_IMAGE: *s = "CUDA_ERROR_INVALID_IMAGE"; break;
    case NOT_FOUND: *s = "CUDA_ERROR_NOT_FOUND"; break;
    case INVALID_HANDLE: *s = "CUDA_ERROR_INVALID_HANDLE"; break;
    case LAUNCH_FAILED: *s = "CUDA_ERROR_LAUNCH_FAILED"; break;
    default: return INVALID_VALUE;
  }
  return SUCCESS;
}

// for the tests: live bytes, launches so far, and a smaller device to provoke out-of-memory
long long fakecuda_allocated(void) { return allocated; }
long long fakecuda_launches(void) { return launches; }
void fakecuda_set_limit(long long bytes) { limit = bytes; }
}
