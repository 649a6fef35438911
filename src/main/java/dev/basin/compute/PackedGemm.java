package dev.basin.compute;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packed, register-tiled matrix product C ← op(A)·op(B) or C ← C + op(A)·op(B) on row-major arrays
 * (spec COMPUTE-SIMD, "GEMM"). GotoBLAS blocking: a depth block of op(B) is packed into NR-wide
 * strips, a block of op(A) into MR-high strips, and an MR×NR register tile of C is accumulated by
 * a branch-free Vector API micro-kernel (12 vector accumulators for MR = 6, NR = 2 vectors), which
 * adds its tile to C itself (C + acc, or 0 + acc for the first depth block of an overwrite), so
 * there is no epilogue; edge tiles run the same kernel on a scratch tile. Scaling (the factor c of
 * a loss) is left to the producers of the operands.
 *
 * <p><b>Summation order.</b> Every C element is Σ over depth blocks, in order, of (one chain of
 * FMAs over the block's depth from 0), added to C: c ← c + acc. The depth blocks depend only on k
 * ({@link #depthBlock}), never on the thread split, the tile position (edge and full tiles do the
 * same operations) or the vector width, so results are bit-identical for every thread count.
 *
 * <p>An instance owns one packing scratch per thread of its team; it is used by one caller at a
 * time.
 */
final class PackedGemm {

  static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int L = SPECIES.length();
  /** Rows of the register tile. */
  static final int MR = 6;
  /** Columns of the register tile (two vectors). */
  static final int NR = 2 * L;
  /** Largest depth block; an A strip (MR·KC) and a B strip (KC·NR) stay in L1/L2. */
  static final int KC = 256;
  /** Rows of op(A) packed per block (a multiple of MR), about 240 KiB: stays in L2. */
  private static final int MC = 120;
  /** A packed B panel (kc × nc) is kept below this many doubles (1 MiB), so that it stays in L2. */
  private static final int PANEL = 1 << 17;
  /** A B operand multiplied by at most this many rows of A is read in place, not packed. */
  private static final int DIRECT_ROWS = 2 * MR;
  /** Below this many multiply-adds a product runs on one thread (dispatch would cost more). */
  private static final long SERIAL_WORK = 1L << 16;

  private final Parallel team;
  private final Scratch[] scratch;

  /** Packing buffers of one thread. */
  private static final class Scratch {
    final double[] a = new double[MC * KC];
    final double[] tile = new double[MR * NR];
    /** A row of zeros: the initial accumulators of an overwriting product (read with row stride 0). */
    static final double[] ZERO = new double[NR];
    double[] b = new double[0];

    double[] b(int size) {
      if (b.length < size) {
        b = new double[size];
      }
      return b;
    }
  }

  PackedGemm(Parallel team) {
    this.team = team;
    this.scratch = new Scratch[team.threads()];
    for (int t = 0; t < scratch.length; t++) {
      scratch[t] = new Scratch();
    }
  }

  /**
   * The depth block used for depth k: ⌈k / ⌈k/KC⌉⌉, i.e. k split into equal blocks of at most KC
   * (784 → 4 × 196 rather than 3 × 256 + 16). A function of k alone (see the class comment).
   */
  static int depthBlock(int k) {
    int blocks = (k + KC - 1) / KC;
    return (k + blocks - 1) / blocks;
  }

  /**
   * C[m×n] ← op(A)·op(B), or C ← C + op(A)·op(B) when accumulate. op(A) is m×k, op(B) is k×n,
   * each a view ({@link Operand}) or pre-packed ({@link Packed}, made by {@link #packA} /
   * {@link #packB} / {@link #emptyA} for these sizes). C is row-major at c[co + r·ldc + j]
   * (modified; only those m×n elements). A and B are not modified and must not overlap the
   * written part of C.
   */
  void multiply(int m, int n, int k, Input a, Input b, double[] c, int co, int ldc, boolean accumulate) {
    if (m <= 0 || n <= 0) {
      return;
    }
    if (k <= 0) {
      if (!accumulate) {
        for (int r = 0; r < m; r++) {
          java.util.Arrays.fill(c, co + r * ldc, co + r * ldc + n, 0.0);
        }
      }
      return;
    }
    int tilesM = (m + MR - 1) / MR;
    int tilesN = (n + NR - 1) / NR;
    int parts = team.threads();
    if ((long) m * n * k < SERIAL_WORK) {
      parts = 1;
    }
    // each part packs its own share of the operand along the split and all of the other one, so
    // split along an operand that still needs packing (and along rows when that is no choice)
    boolean splitRows;
    if (a instanceof Packed && !(b instanceof Packed)) {
      splitRows = tilesN < 2 * parts;
    } else if (b instanceof Packed && !(a instanceof Packed)) {
      splitRows = tilesM >= 2 * parts;
    } else {
      splitRows = tilesM >= tilesN || tilesM >= 4 * parts;
    }
    int tiles = splitRows ? tilesM : tilesN;
    int used = Math.min(parts, tiles);
    if (used <= 1) {
      range(0, m, 0, n, k, a, b, c, co, ldc, accumulate, scratch[0]);
      return;
    }
    team.run(used, t -> {
      int t0 = (int) ((long) tiles * t / used);
      int t1 = (int) ((long) tiles * (t + 1) / used);
      if (splitRows) {
        range(t0 * MR, Math.min(m, t1 * MR), 0, n, k, a, b, c, co, ldc, accumulate, scratch[t]);
      } else {
        range(0, m, t0 * NR, Math.min(n, t1 * NR), k, a, b, c, co, ldc, accumulate, scratch[t]);
      }
    });
  }

  /** A product operand: a view of an array or an operand packed in advance. */
  sealed interface Input permits Operand, Packed {}

  /**
   * An operand packed once in the strip layout of the A side (MR-high strips) or the B side
   * (NR-wide strips) of products of depth k, for reuse across products (e.g. the data X, which
   * every forward pass and HVP multiplies). Depth block pc holds its strips at pc·(padded width).
   */
  record Packed(double[] data, boolean sideA, int width, int depth) implements Input {
    /** The width rounded up to whole strips. */
    int padded() {
      int r = sideA ? MR : NR;
      return (width + r - 1) / r * r;
    }

    /** Offset of the strip containing row/column {@code index} (a multiple of MR/NR) in block pc. */
    int offset(int pc, int kc, int index) {
      return pc * padded() + index * kc;
    }
  }

  /**
   * An A-side packing of an m×k op(A) in buffer (length ≥ ⌈m/MR⌉·MR·k; contents overwritten by
   * the caller), to be filled one depth column at a time by {@link #putColumn}.
   */
  static Packed emptyA(int m, int k, double[] buffer) {
    return new Packed(buffer, true, m, k);
  }

  /**
   * Packs rows [r0, r1) of op(A) = src (r0 a multiple of MR) into the A-side packing pa (modified),
   * zero-padding the last strip when r1 is pa's width; src is not modified. Parts of one packing
   * may be filled by different threads.
   */
  static void packRows(Packed pa, Operand src, int r0, int r1) {
    int k = pa.depth();
    int kb = depthBlock(k);
    int padded = pa.padded();
    for (int pc = 0; pc < k; pc += kb) {
      int kc = Math.min(kb, k - pc);
      packA(src, r0, r1 - r0, pc, kc, pa.data(), pc * padded + r0 * kc);
    }
  }

  /** The buffer length {@link #emptyA} needs for m×k. */
  static long packedSizeA(int m, int k) {
    return (long) ((m + MR - 1) / MR * MR) * k;
  }

  /**
   * Writes depth column kk of an A-side packing: op(A)(r, kk) = src[so + r] for r &lt; width, and
   * 0 in the padding rows. pa is modified, src is not. Lets a producer of Mᵀ (e.g. RΔ, sample by
   * sample) write its result straight into the packed form instead of an array to be packed.
   */
  static void putColumn(Packed pa, int kk, double[] src, int so) {
    int k = pa.depth();
    int kb = depthBlock(k);
    int pc = kk / kb * kb;
    int kc = Math.min(kb, k - pc);
    int m = pa.width();
    double[] dst = pa.data();
    int base = pc * pa.padded() + (kk - pc) * MR;
    int full = m / MR * MR;
    int r = 0;
    for (; r < full; r += MR) {
      int d = base + r * kc;
      dst[d] = src[so + r];
      dst[d + 1] = src[so + r + 1];
      dst[d + 2] = src[so + r + 2];
      dst[d + 3] = src[so + r + 3];
      dst[d + 4] = src[so + r + 4];
      dst[d + 5] = src[so + r + 5];
    }
    if (r < m) {
      int d = base + r * kc;
      for (int i = 0; i < MR; i++) {
        dst[d + i] = r + i < m ? src[so + r + i] : 0.0;
      }
    }
  }

  /**
   * Row sums of an A-side packing: out[oo + r] = Σ_kk op(A)(r, kk) for r in [r0, r1) (r0 a
   * multiple of MR), summed in kk order. out is modified, pa is not.
   */
  static void rowSums(Packed pa, int r0, int r1, double[] out, int oo) {
    int k = pa.depth();
    int kb = depthBlock(k);
    double[] src = pa.data();
    int padded = pa.padded();
    double[] acc = new double[MR];
    for (int r = r0; r < r1; r += MR) {
      java.util.Arrays.fill(acc, 0.0);
      for (int pc = 0; pc < k; pc += kb) {
        int kc = Math.min(kb, k - pc);
        int base = pc * padded + r * kc;
        for (int kk = 0; kk < kc; kk++) {
          int q = base + kk * MR;
          for (int i = 0; i < MR; i++) {
            acc[i] += src[q + i];
          }
        }
      }
      for (int i = 0; i < MR && r + i < r1; i++) {
        out[oo + r + i] = acc[i];
      }
    }
  }

  /** op(A) (m×k) packed for use as the A operand of products of depth k. */
  static Packed packA(Operand a, int m, int k) {
    int padded = (m + MR - 1) / MR * MR;
    double[] data = new double[Math.toIntExact((long) padded * k)];
    int kb = depthBlock(k);
    for (int pc = 0; pc < k; pc += kb) {
      packA(a, 0, m, pc, Math.min(kb, k - pc), data, pc * padded);
    }
    return new Packed(data, true, m, k);
  }

  /** op(B) (k×n) packed for use as the B operand of products of depth k. */
  static Packed packB(Operand b, int k, int n) {
    int padded = (n + NR - 1) / NR * NR;
    double[] data = new double[Math.toIntExact((long) padded * k)];
    int kb = depthBlock(k);
    for (int pc = 0; pc < k; pc += kb) {
      packB(b, pc, Math.min(kb, k - pc), 0, n, data, pc * padded);
    }
    return new Packed(data, false, n, k);
  }

  /** The rows [i0, i1) × columns [j0, j1) of C (i0 a multiple of MR, j0 of NR). */
  private static void range(int i0, int i1, int j0, int j1, int k, Input a, Input b, double[] c, int co,
      int ldc, boolean accumulate, Scratch s) {
    int kb = depthBlock(k);
    // a right operand used by at most two A strips is read in place: packing it would cost as
    // much as using it (the k-output products of an HVP, whose right operand is n×h)
    Operand direct = b instanceof Operand ob && !ob.transposed() && i1 - i0 <= DIRECT_ROWS ? ob : null;
    int ncMax = Math.max(NR, PANEL / kb / NR * NR);
    for (int jc = j0; jc < j1; jc += ncMax) {
      int nc = Math.min(ncMax, j1 - jc);
      for (int pc = 0; pc < k; pc += kb) {
        int kc = Math.min(kb, k - pc);
        boolean first = pc == 0 && !accumulate;
        double[] bp;
        int bBase;
        int ldb;
        int stripStep;
        int edge = nc / NR * NR;
        if (b instanceof Packed pb) {
          bp = pb.data();
          bBase = pb.offset(pc, kc, jc);
          ldb = NR;
          stripStep = kc;
        } else if (direct != null) {
          bp = direct.data();
          bBase = direct.offset() + pc * direct.ld() + jc;
          ldb = direct.ld();
          stripStep = 1;
          if (edge < nc) {
            // the last, partial strip is packed (reading NR wide could leave the array)
            packB(direct, pc, kc, jc + edge, nc - edge, s.b(kc * NR), 0);
          }
        } else {
          bp = s.b(kc * ((nc + NR - 1) / NR) * NR);
          bBase = 0;
          ldb = NR;
          stripStep = kc;
          packB((Operand) b, pc, kc, jc, nc, bp, 0);
        }
        for (int ic = i0; ic < i1; ic += MC) {
          int mc = Math.min(MC, i1 - ic);
          double[] ap;
          int aBase;
          if (a instanceof Packed pa) {
            ap = pa.data();
            aBase = pa.offset(pc, kc, ic);
          } else {
            ap = s.a;
            aBase = 0;
            packA((Operand) a, ic, mc, pc, kc, ap, 0);
          }
          // one A strip (L1) against all B strips of the panel (L2): C is then written along its
          // rows, which the hardware prefetcher follows (the other order missed on C tiles)
          for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int ao = aBase + ir * kc;
            for (int jr = 0; jr < nc; jr += NR) {
              int nr = Math.min(NR, nc - jr);
              int ci = co + (ic + ir) * ldc + jc + jr;
              double[] bs = bp;
              int bo = bBase + jr * stripStep;
              int lb = ldb;
              if (direct != null && jr >= edge) {
                bs = s.b;
                bo = 0;
                lb = NR;
              }
              if (mr == MR && nr == NR) {
                if (first) {
                  kernel(kc, ap, ao, bs, bo, lb, Scratch.ZERO, 0, 0, c, ci, ldc);
                } else {
                  kernel(kc, ap, ao, bs, bo, lb, c, ci, ldc, c, ci, ldc);
                }
              } else {
                edgeTile(kc, ap, ao, bs, bo, lb, c, ci, ldc, mr, nr, first, s.tile);
              }
            }
          }
        }
      }
    }
  }

  /**
   * An edge tile (mr &lt; MR or nr &lt; NR): the mr×nr corner of C (or zeros) is copied into a
   * zero-padded scratch tile, the micro-kernel runs on it, and the corner is copied back, so the
   * valid elements see exactly the operations of a full tile.
   */
  private static void edgeTile(int kc, double[] ap, int ao, double[] bp, int bo, int ldb, double[] c, int ci,
      int ldc, int mr, int nr, boolean first, double[] tile) {
    java.util.Arrays.fill(tile, 0.0);
    if (!first) {
      for (int i = 0; i < mr; i++) {
        System.arraycopy(c, ci + i * ldc, tile, i * NR, nr);
      }
    }
    kernel(kc, ap, ao, bp, bo, ldb, tile, 0, NR, tile, 0, NR);
    for (int i = 0; i < mr; i++) {
      System.arraycopy(tile, i * NR, c, ci + i * ldc, nr);
    }
  }

  /**
   * Packs rows [ic, ic+mc) × depth [pc, pc+kc) of op(A) into MR-high strips at dst[off ..],
   * zero-padded to whole strips.
   */
  private static void packA(Operand a, int ic, int mc, int pc, int kc, double[] dst, int off) {
    double[] src = a.data();
    int ld = a.ld();
    for (int ir = 0; ir < mc; ir += MR) {
      int mr = Math.min(MR, mc - ir);
      int base = off + ir * kc;
      if (a.transposed()) {
        // op(A)(r, kk) = src[offset + kk·ld + r]: MR consecutive doubles per kk
        int s0 = a.offset() + pc * ld + ic + ir;
        for (int kk = 0; kk < kc; kk++) {
          int sk = s0 + kk * ld;
          int d = base + kk * MR;
          for (int i = 0; i < mr; i++) {
            dst[d + i] = src[sk + i];
          }
          for (int i = mr; i < MR; i++) {
            dst[d + i] = 0.0;
          }
        }
      } else if (mr == MR) {
        // six row streams read in step, the strip written sequentially
        int r0 = a.offset() + (ic + ir) * ld + pc;
        for (int kk = 0; kk < kc; kk++) {
          int d = base + kk * MR;
          int sk = r0 + kk;
          dst[d] = src[sk];
          dst[d + 1] = src[sk + ld];
          dst[d + 2] = src[sk + 2 * ld];
          dst[d + 3] = src[sk + 3 * ld];
          dst[d + 4] = src[sk + 4 * ld];
          dst[d + 5] = src[sk + 5 * ld];
        }
      } else {
        for (int i = 0; i < MR; i++) {
          int sk = a.offset() + (ic + ir + i) * ld + pc;
          for (int kk = 0; kk < kc; kk++) {
            dst[base + kk * MR + i] = i < mr ? src[sk + kk] : 0.0;
          }
        }
      }
    }
  }

  /**
   * Packs depth [pc, pc+kc) × columns [jc, jc+nc) of op(B) into NR-wide strips at dst[off ..],
   * zero-padded to whole strips.
   */
  private static void packB(Operand b, int pc, int kc, int jc, int nc, double[] dst, int off) {
    double[] src = b.data();
    int ld = b.ld();
    for (int jr = 0; jr < nc; jr += NR) {
      int nr = Math.min(NR, nc - jr);
      int base = off + jr * kc;
      if (b.transposed()) {
        // op(B)(kk, j) = src[offset + j·ld + kk]: column j of the strip is a contiguous run
        for (int j = 0; j < NR; j++) {
          if (j < nr) {
            int sj = b.offset() + (jc + jr + j) * ld + pc;
            for (int kk = 0; kk < kc; kk++) {
              dst[base + kk * NR + j] = src[sj + kk];
            }
          } else {
            for (int kk = 0; kk < kc; kk++) {
              dst[base + kk * NR + j] = 0.0;
            }
          }
        }
      } else {
        int s0 = b.offset() + pc * ld + jc + jr;
        for (int kk = 0; kk < kc; kk++) {
          int d = base + kk * NR;
          System.arraycopy(src, s0 + kk * ld, dst, d, nr);
          for (int j = nr; j < NR; j++) {
            dst[d + j] = 0.0;
          }
        }
      }
    }
  }

  /**
   * The MR×NR micro-kernel: C_tile ← init_tile + acc, acc = Σ_kk Ap[:, kk] ⊗ B[kk, :] as one FMA
   * chain per element in kk order from 0, in 12 vector registers. A is a packed strip (MR values
   * per kk); row kk of B starts at bo + kk·ldb (NR for a packed strip, the row stride when B is
   * read in place); row i of the initial tile is init[ii + i·ldi .. +NR) (ldi = 0 with a row of
   * zeros for an overwrite), of the result c[ci + i·ldc ..] (init may be c). Branch-free on
   * purpose: a branch after the loop or more accumulators made C2 box the vectors and spill (9
   * instead of 75 GFLOP/s; see also research/perf-accel.md §2); the indices are induction variables
   * because recomputing them from kk cost ~5%.
   */
  private static void kernel(int kc, double[] ap, int ao, double[] bp, int bo, int ldb, double[] init, int ii,
      int ldi, double[] c, int ci, int ldc) {
    DoubleVector z = DoubleVector.zero(SPECIES);
    DoubleVector c00 = z;
    DoubleVector c01 = z;
    DoubleVector c10 = z;
    DoubleVector c11 = z;
    DoubleVector c20 = z;
    DoubleVector c21 = z;
    DoubleVector c30 = z;
    DoubleVector c31 = z;
    DoubleVector c40 = z;
    DoubleVector c41 = z;
    DoubleVector c50 = z;
    DoubleVector c51 = z;
    int ai = ao;
    int bi = bo;
    for (int kk = 0; kk < kc; kk++, ai += MR, bi += ldb) {
      DoubleVector b0 = DoubleVector.fromArray(SPECIES, bp, bi);
      DoubleVector b1 = DoubleVector.fromArray(SPECIES, bp, bi + L);
      DoubleVector x = DoubleVector.broadcast(SPECIES, ap[ai]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = DoubleVector.broadcast(SPECIES, ap[ai + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = DoubleVector.broadcast(SPECIES, ap[ai + 2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = DoubleVector.broadcast(SPECIES, ap[ai + 3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = DoubleVector.broadcast(SPECIES, ap[ai + 4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = DoubleVector.broadcast(SPECIES, ap[ai + 5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
    }
    // C is read only now: loaded before the loop, its latency stalled every FMA chain (-12%)
    add(c00, c01, init, ii, c, ci);
    add(c10, c11, init, ii + ldi, c, ci + ldc);
    add(c20, c21, init, ii + 2 * ldi, c, ci + 2 * ldc);
    add(c30, c31, init, ii + 3 * ldi, c, ci + 3 * ldc);
    add(c40, c41, init, ii + 4 * ldi, c, ci + 4 * ldc);
    add(c50, c51, init, ii + 5 * ldi, c, ci + 5 * ldc);
  }

  /** One tile row: c[co ..+NR) = (v0, v1) + init[io ..+NR). */
  private static void add(DoubleVector v0, DoubleVector v1, double[] init, int io, double[] c, int co) {
    v0.add(DoubleVector.fromArray(SPECIES, init, io)).intoArray(c, co);
    v1.add(DoubleVector.fromArray(SPECIES, init, io + L)).intoArray(c, co + L);
  }
}
