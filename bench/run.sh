#!/usr/bin/env bash
# Reproduces bench/REPORT.md. Usage (from the repository root, JDK 25, Debian 12 with
# `apt-get install -y python3-torch python3-numpy libopenblas0-pthread`):
#   bench/run.sh STEP...     STEPs: build env blas peer jmh-mlp cpu-mlp jmh-gemm cpu-gemm jmh-hessian jmh-eigen
#   bench/run.sh all
# Every timed step runs under bench/peer/quietrun.py, which waits (up to QUIET_WAIT s, default 600)
# for the box to be quiet (< 3% busy for 3 s) and prints how much CPU other processes took while
# the step ran. Raw output goes to bench/results/ (RESULTS=dir to change).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
J=$JAVA_HOME/bin/java
PY=/usr/bin/python3                 # Debian python with python3-torch, not a pyenv one
OUT=${RESULTS:-$ROOT/bench/results}
DATA=${DATA:-$OUT/mlpdata}
Q="$PY $ROOT/bench/peer/quietrun.py --wait ${QUIET_WAIT:-600} --"
CP=bench/target/benchmarks.jar:target/basin.jar    # basin from this checkout (see bench/pom.xml)
VEC="--add-modules jdk.incubator.vector -XX:-UsePerfData"
JMH="$J -Djmh.ignoreLock=true -cp $CP org.openjdk.jmh.Main -foe true"   # other users of this box run JMH too
mkdir -p "$OUT"
log() { tee -a "$OUT/$1.txt"; }
steps=("$@"); [ "${steps[0]:-}" = all ] && steps=(build env blas peer jmh-mlp cpu-mlp jmh-gemm cpu-gemm jmh-hessian jmh-eigen)
for step in "${steps[@]}"; do
case $step in
build)
  mvn -B -q -ntp package -DskipTests
  mvn -B -q -ntp -f bench/pom.xml package ;;
env)
  { date -u; lscpu | grep -E "Model name|^CPU\(s\)|Thread|L1d|L2|L3"; $J -version 2>&1 | head -1
    echo "OPENBLAS_CORETYPE in the environment: ${OPENBLAS_CORETYPE:-(unset)}"; } | log env ;;
blas)   # the dgemm floor: OpenBLAS with its own kernel choice (AVX-512) and with the Haswell pin
  for t in 1 2; do
    $Q env -u OPENBLAS_CORETYPE $PY bench/peer/blas_peak.py $t 1024 2048 2>&1 | log blas
    $Q env OPENBLAS_CORETYPE=Haswell $PY bench/peer/blas_peak.py $t 1024 2>&1 | log blas
  done ;;
peer)   # torch float64, same data as basin: 1 thread; 2 threads as intra-op 1 + OpenBLAS 2 (best on 2 cores)
  $J $VEC -cp $CP dev.basin.bench.ExportMlp "$DATA"
  OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $Q env -u OPENBLAS_CORETYPE $PY bench/peer/mlp_torch.py "$DATA" 1 2>&1 | log peer
  OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=1 $Q env -u OPENBLAS_CORETYPE $PY bench/peer/mlp_torch.py "$DATA" 1 2>&1 | log peer
  OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 $Q env -u OPENBLAS_CORETYPE $PY bench/peer/mlp_torch.py "$DATA" 2 2>&1 | log peer ;;
jmh-mlp)
  for t in 1 2; do
    $Q $JMH MlpBenchmark -p backend=simd -p threads=$t -rf json -rff "$OUT/jmh-mlp-simd-$t.json" 2>&1 | log jmh-mlp
  done
  $Q $JMH MlpBenchmark -p backend=reference -p threads=1 -wi 1 -i 3 -rf json -rff "$OUT/jmh-mlp-reference.json" 2>&1 | log jmh-mlp ;;
cpu-mlp)
  for t in 1 2; do $Q $J $VEC -cp $CP dev.basin.bench.CpuTimes simd $t 2>&1 | log cpu-mlp; done
  $Q $J $VEC -cp $CP dev.basin.bench.CpuTimes reference 1 2>&1 | log cpu-mlp ;;
jmh-gemm)
  $Q $JMH GemmBenchmark -rf json -rff "$OUT/jmh-gemm.json" 2>&1 | log jmh-gemm ;;
cpu-gemm)
  for t in 1 2; do $Q $J $VEC -cp $CP dev.basin.compute.GemmCpuTimes $t 2>&1 | log cpu-gemm; done ;;
jmh-hessian)
  $Q $JMH HessianBenchmark -p method=kernel -p threads=1 -rf json -rff "$OUT/jmh-hessian-kernel.json" 2>&1 | log jmh-hessian
  $Q $JMH HessianBenchmark -p method=simd -rf json -rff "$OUT/jmh-hessian-simd.json" 2>&1 | log jmh-hessian ;;
jmh-eigen)   # Hipparchus computes the vectors either way (same time with and without): one shot at 3000
  $Q $JMH EigenBenchmark -p n=1000 -wi 1 -i 2 -rf json -rff "$OUT/jmh-eigen-1000.json" 2>&1 | log jmh-eigen
  $Q $JMH EigenBenchmark -p n=3000 -p solver=EJML -wi 1 -i 2 -rf json -rff "$OUT/jmh-eigen-3000-ejml.json" 2>&1 | log jmh-eigen
  $Q $JMH EigenBenchmark -p n=3000 -p solver=HIPPARCHUS -p vectors=false -wi 0 -i 1 \
    -rf json -rff "$OUT/jmh-eigen-3000-hipparchus.json" 2>&1 | log jmh-eigen ;;
*) echo "unknown step $step"; exit 2 ;;
esac
done
