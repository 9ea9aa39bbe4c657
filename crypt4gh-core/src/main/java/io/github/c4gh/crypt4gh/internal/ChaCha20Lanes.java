package io.github.c4gh.crypt4gh.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Pure-Java ChaCha20 written for C2's automatic vectorizer (SuperWord): the state of up to
 * {@link #LANES} consecutive blocks is held "lane-sliced", as 16 {@code int[]} rows with one lane
 * per block, so that every quarter-round is one plain counted loop over the lanes that applies the
 * same add, xor and rotate to each. Stock C2 turns those loops into SIMD code on JDK 17 and later
 * (AVX2 or AVX-512 on x86, NEON on AArch64) without flags or incubator modules. The keystream is
 * then gathered back block by block and XORed with the data.
 *
 * <p>Measured on an AMD EPYC (AVX2), 64 KiB messages, keystream alone: about 1.0-1.5 GB/s on JDK 17
 * and 1.6 GB/s on JDK 25 with the default 32-byte vectors (0.7 GB/s with {@code
 * -XX:MaxVectorSize=16}, 0.5 with 8), against about 0.35 GB/s for this code with {@code
 * -XX:-UseSuperWord} or {@code -XX:UseAVX=0} (JDK 17's C2 has no SSE-only vector rotate) and 0.39 GB/s
 * for SunJCE's ChaCha20 on JDK 17 (no intrinsic there). The speed depends on the vectorizer, so the
 * backend selection in {@link ChaCha20Poly1305} only picks it when the flags say C2 will vectorize.
 * 512 lanes per pass measured best (256: about the same, 128: 0.8x, 1024: 0.9x). Runs of one or two
 * blocks (a Poly1305 key, a short message) and a last partial block go through a scalar block
 * function instead.
 *
 * <p>Warm-up: this code is only fast once C2 has compiled it (the interpreter and C1 do not
 * vectorize). In a fresh JDK 17 JVM on this 2-core machine the AEAD reached full speed after about
 * 20 MiB (a few hundred ms), so sealing 10 MiB took about 0.2 s against 0.15 s with SunJCE and 100
 * MiB about 0.45 s against 0.7 s. Two choices here are for warm-up: the gather uses 64-bit accesses
 * (half the VarHandle operations of 32-bit ones), which halved the time to full speed (from about
 * 45 MiB) at the same steady-state speed; and the quarter-rounds go through one call site, so C2
 * inlines one copy (writing the 80 loops out in one method made warm-up several times slower).
 *
 * <p>Constant time: additions, xors and fixed rotations only; no branch or index depends on the key,
 * nonce or data. The lane rows (which hold keystream after each pass) are wiped by {@link #finish}.
 */
final class ChaCha20Lanes extends ChaCha20KeyStream {
  /** Blocks per vectorized pass: 512 (32 KiB of keystream; the 16 rows are 32 KiB). */
  static final int LANES = 512;
  /** Runs of at most this many whole blocks use the scalar block function. */
  static final int SCALAR_MAX_BLOCKS = 2;

  private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  // "expand 32-byte k"
  private static final int C0 = 0x61707865;
  private static final int C1 = 0x3320646e;
  private static final int C2 = 0x79622d32;
  private static final int C3 = 0x6b206574;
  private static final int[] IOTA = new int[LANES];
  // the rows of each quarter-round of a double round: columns (0,4,8,12) .. (3,7,11,15), then
  // diagonals (0,5,10,15), (1,6,11,12), (2,7,8,13), (3,4,9,14)
  private static final int[] QA = {0, 1, 2, 3, 0, 1, 2, 3};
  private static final int[] QB = {4, 5, 6, 7, 5, 6, 7, 4};
  private static final int[] QC = {8, 9, 10, 11, 10, 11, 8, 9};
  private static final int[] QD = {12, 13, 14, 15, 15, 12, 13, 14};

  static {
    for (int i = 0; i < LANES; i++) {
      IOTA[i] = i;
    }
  }

  private final int[] x0 = new int[LANES], x1 = new int[LANES], x2 = new int[LANES], x3 = new int[LANES];
  private final int[] x4 = new int[LANES], x5 = new int[LANES], x6 = new int[LANES], x7 = new int[LANES];
  private final int[] x8 = new int[LANES], x9 = new int[LANES], x10 = new int[LANES], x11 = new int[LANES];
  private final int[] x12 = new int[LANES], x13 = new int[LANES], x14 = new int[LANES], x15 = new int[LANES];
  private final int[][] rows = {x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15};
  private final int[] block = new int[16];
  private final byte[] tail = new byte[BLOCK_SIZE];

  private int k0, k1, k2, k3, k4, k5, k6, k7;
  private int n0, n1, n2;
  /** Lanes (from 0) that hold keystream since the last wipe. */
  private int dirtyLanes;

  @Override
  void begin(SymmetricKey key, byte[] nonce, int nonceOff, int counter, boolean reinitialisationExpected) {
    byte[] k = key.bytes();
    k0 = (int) LE_INT.get(k, 0);
    k1 = (int) LE_INT.get(k, 4);
    k2 = (int) LE_INT.get(k, 8);
    k3 = (int) LE_INT.get(k, 12);
    k4 = (int) LE_INT.get(k, 16);
    k5 = (int) LE_INT.get(k, 20);
    k6 = (int) LE_INT.get(k, 24);
    k7 = (int) LE_INT.get(k, 28);
    n0 = (int) LE_INT.get(nonce, nonceOff);
    n1 = (int) LE_INT.get(nonce, nonceOff + 4);
    n2 = (int) LE_INT.get(nonce, nonceOff + 8);
  }

  @Override
  void apply(long counter, byte[] in, int inOff, int len, byte[] out, int outOff) {
    long next = counter;
    try {
      int full = len / BLOCK_SIZE;
      if (full <= SCALAR_MAX_BLOCKS) {
        for (int b = 0; b < full; b++) {
          scalarBlock((int) next++);
          xorBlock(in, inOff, out, outOff);
          inOff += BLOCK_SIZE;
          outOff += BLOCK_SIZE;
        }
      } else {
        while (full > 0) {
          int n = Math.min(LANES, full);
          lanes((int) next, n);
          gather(n, in, inOff, out, outOff);
          next += n;
          full -= n;
          inOff += n * BLOCK_SIZE;
          outOff += n * BLOCK_SIZE;
        }
      }
      int rest = len % BLOCK_SIZE;
      if (rest > 0) {
        scalarBlock((int) next++);
        for (int w = 0; w < 16; w++) {
          LE_INT.set(tail, 4 * w, block[w]);
        }
        for (int i = 0; i < rest; i++) {
          out[outOff + i] = (byte) (in[inOff + i] ^ tail[i]);
        }
        Arrays.fill(tail, (byte) 0);
      }
    } finally {
      Arrays.fill(block, 0);
    }
  }

  @Override
  void end() {
    k0 = k1 = k2 = k3 = k4 = k5 = k6 = k7 = 0;
    n0 = n1 = n2 = 0;
    int n = dirtyLanes;
    if (n > 0) {
      for (int[] row : rows) {
        Arrays.fill(row, 0, n, 0);
      }
      dirtyLanes = 0;
    }
  }

  @Override
  int preferredChunk() {
    return LANES * BLOCK_SIZE;
  }

  /** The keystream of blocks {@code counter .. counter + n - 1} into lanes {@code 0 .. n - 1} of the rows. */
  private void lanes(int counter, int n) {
    final int[] x0 = this.x0, x1 = this.x1, x2 = this.x2, x3 = this.x3;
    final int[] x4 = this.x4, x5 = this.x5, x6 = this.x6, x7 = this.x7;
    final int[] x8 = this.x8, x9 = this.x9, x10 = this.x10, x11 = this.x11;
    final int[] x12 = this.x12, x13 = this.x13, x14 = this.x14, x15 = this.x15;
    dirtyLanes = Math.max(dirtyLanes, n);
    Arrays.fill(x0, 0, n, C0);
    Arrays.fill(x1, 0, n, C1);
    Arrays.fill(x2, 0, n, C2);
    Arrays.fill(x3, 0, n, C3);
    Arrays.fill(x4, 0, n, k0);
    Arrays.fill(x5, 0, n, k1);
    Arrays.fill(x6, 0, n, k2);
    Arrays.fill(x7, 0, n, k3);
    Arrays.fill(x8, 0, n, k4);
    Arrays.fill(x9, 0, n, k5);
    Arrays.fill(x10, 0, n, k6);
    Arrays.fill(x11, 0, n, k7);
    counters(x12, counter, n);
    Arrays.fill(x13, 0, n, n0);
    Arrays.fill(x14, 0, n, n1);
    Arrays.fill(x15, 0, n, n2);
    // Ten double rounds: eight quarter-rounds each (four columns, four diagonals), every one a
    // loop over the lanes. One call site, driven by the tables of rows, so C2 inlines a single copy
    // and this method stays small to compile (the 80 loops written out in one method took C2 several
    // times longer to make fast).
    final int[][] x = rows;
    for (int round = 0; round < 10; round++) {
      for (int q = 0; q < 8; q++) {
        quarterRound(x[QA[q]], x[QB[q]], x[QC[q]], x[QD[q]], n);
      }
    }
    // add the input state back (RFC 8439 2.3, step "state += initial state")
    add(x0, C0, n);
    add(x1, C1, n);
    add(x2, C2, n);
    add(x3, C3, n);
    add(x4, k0, n);
    add(x5, k1, n);
    add(x6, k2, n);
    add(x7, k3, n);
    add(x8, k4, n);
    add(x9, k5, n);
    add(x10, k6, n);
    add(x11, k7, n);
    addCounters(x12, counter, n);
    add(x13, n0, n);
    add(x14, n1, n);
    add(x15, n2, n);
  }

  /** One quarter-round on every lane; the loop SuperWord vectorizes. */
  private static void quarterRound(int[] a, int[] b, int[] c, int[] d, int n) {
    for (int i = 0; i < n; i++) {
      int va = a[i] + b[i];
      int vd = Integer.rotateLeft(d[i] ^ va, 16);
      int vc = c[i] + vd;
      int vb = Integer.rotateLeft(b[i] ^ vc, 12);
      va += vb;
      vd = Integer.rotateLeft(vd ^ va, 8);
      vc += vd;
      vb = Integer.rotateLeft(vb ^ vc, 7);
      a[i] = va;
      b[i] = vb;
      c[i] = vc;
      d[i] = vd;
    }
  }

  private static void add(int[] row, int v, int n) {
    for (int i = 0; i < n; i++) {
      row[i] += v;
    }
  }

  private static void counters(int[] row, int counter, int n) {
    final int[] iota = IOTA;
    for (int i = 0; i < n; i++) {
      row[i] = counter + iota[i];
    }
  }

  private static void addCounters(int[] row, int counter, int n) {
    final int[] iota = IOTA;
    for (int i = 0; i < n; i++) {
      row[i] += counter + iota[i];
    }
  }

  /** XORs the keystream of lanes {@code 0 .. n - 1} (block by block) with {@code in} into {@code out}. */
  private void gather(int n, byte[] in, int inOff, byte[] out, int outOff) {
    final int[] x0 = this.x0, x1 = this.x1, x2 = this.x2, x3 = this.x3;
    final int[] x4 = this.x4, x5 = this.x5, x6 = this.x6, x7 = this.x7;
    final int[] x8 = this.x8, x9 = this.x9, x10 = this.x10, x11 = this.x11;
    final int[] x12 = this.x12, x13 = this.x13, x14 = this.x14, x15 = this.x15;
    for (int j = 0; j < n; j++) {
      int o = inOff + j * BLOCK_SIZE;
      int p = outOff + j * BLOCK_SIZE;
      // two keystream words per 64-bit access: half the memory operations of int accesses
      LE_LONG.set(out, p, (long) LE_LONG.get(in, o) ^ ((x0[j] & 0xffffffffL) | ((long) x1[j] << 32)));
      LE_LONG.set(out, p + 8, (long) LE_LONG.get(in, o + 8) ^ ((x2[j] & 0xffffffffL) | ((long) x3[j] << 32)));
      LE_LONG.set(out, p + 16, (long) LE_LONG.get(in, o + 16) ^ ((x4[j] & 0xffffffffL) | ((long) x5[j] << 32)));
      LE_LONG.set(out, p + 24, (long) LE_LONG.get(in, o + 24) ^ ((x6[j] & 0xffffffffL) | ((long) x7[j] << 32)));
      LE_LONG.set(out, p + 32, (long) LE_LONG.get(in, o + 32) ^ ((x8[j] & 0xffffffffL) | ((long) x9[j] << 32)));
      LE_LONG.set(out, p + 40, (long) LE_LONG.get(in, o + 40) ^ ((x10[j] & 0xffffffffL) | ((long) x11[j] << 32)));
      LE_LONG.set(out, p + 48, (long) LE_LONG.get(in, o + 48) ^ ((x12[j] & 0xffffffffL) | ((long) x13[j] << 32)));
      LE_LONG.set(out, p + 56, (long) LE_LONG.get(in, o + 56) ^ ((x14[j] & 0xffffffffL) | ((long) x15[j] << 32)));
    }
  }

  private void xorBlock(byte[] in, int inOff, byte[] out, int outOff) {
    for (int w = 0; w < 16; w++) {
      LE_INT.set(out, outOff + 4 * w, (int) LE_INT.get(in, inOff + 4 * w) ^ block[w]);
    }
  }

  /** The ChaCha20 block function (RFC 8439 2.3) for one counter, into {@link #block}. */
  private void scalarBlock(int counter) {
    int s0 = C0, s1 = C1, s2 = C2, s3 = C3;
    int s4 = k0, s5 = k1, s6 = k2, s7 = k3, s8 = k4, s9 = k5, s10 = k6, s11 = k7;
    int s12 = counter, s13 = n0, s14 = n1, s15 = n2;
    for (int round = 0; round < 10; round++) {
      // column round
      s0 += s4; s12 = Integer.rotateLeft(s12 ^ s0, 16); s8 += s12; s4 = Integer.rotateLeft(s4 ^ s8, 12);
      s0 += s4; s12 = Integer.rotateLeft(s12 ^ s0, 8); s8 += s12; s4 = Integer.rotateLeft(s4 ^ s8, 7);
      s1 += s5; s13 = Integer.rotateLeft(s13 ^ s1, 16); s9 += s13; s5 = Integer.rotateLeft(s5 ^ s9, 12);
      s1 += s5; s13 = Integer.rotateLeft(s13 ^ s1, 8); s9 += s13; s5 = Integer.rotateLeft(s5 ^ s9, 7);
      s2 += s6; s14 = Integer.rotateLeft(s14 ^ s2, 16); s10 += s14; s6 = Integer.rotateLeft(s6 ^ s10, 12);
      s2 += s6; s14 = Integer.rotateLeft(s14 ^ s2, 8); s10 += s14; s6 = Integer.rotateLeft(s6 ^ s10, 7);
      s3 += s7; s15 = Integer.rotateLeft(s15 ^ s3, 16); s11 += s15; s7 = Integer.rotateLeft(s7 ^ s11, 12);
      s3 += s7; s15 = Integer.rotateLeft(s15 ^ s3, 8); s11 += s15; s7 = Integer.rotateLeft(s7 ^ s11, 7);
      // diagonal round
      s0 += s5; s15 = Integer.rotateLeft(s15 ^ s0, 16); s10 += s15; s5 = Integer.rotateLeft(s5 ^ s10, 12);
      s0 += s5; s15 = Integer.rotateLeft(s15 ^ s0, 8); s10 += s15; s5 = Integer.rotateLeft(s5 ^ s10, 7);
      s1 += s6; s12 = Integer.rotateLeft(s12 ^ s1, 16); s11 += s12; s6 = Integer.rotateLeft(s6 ^ s11, 12);
      s1 += s6; s12 = Integer.rotateLeft(s12 ^ s1, 8); s11 += s12; s6 = Integer.rotateLeft(s6 ^ s11, 7);
      s2 += s7; s13 = Integer.rotateLeft(s13 ^ s2, 16); s8 += s13; s7 = Integer.rotateLeft(s7 ^ s8, 12);
      s2 += s7; s13 = Integer.rotateLeft(s13 ^ s2, 8); s8 += s13; s7 = Integer.rotateLeft(s7 ^ s8, 7);
      s3 += s4; s14 = Integer.rotateLeft(s14 ^ s3, 16); s9 += s14; s4 = Integer.rotateLeft(s4 ^ s9, 12);
      s3 += s4; s14 = Integer.rotateLeft(s14 ^ s3, 8); s9 += s14; s4 = Integer.rotateLeft(s4 ^ s9, 7);
    }
    final int[] b = block;
    b[0] = s0 + C0;
    b[1] = s1 + C1;
    b[2] = s2 + C2;
    b[3] = s3 + C3;
    b[4] = s4 + k0;
    b[5] = s5 + k1;
    b[6] = s6 + k2;
    b[7] = s7 + k3;
    b[8] = s8 + k4;
    b[9] = s9 + k5;
    b[10] = s10 + k6;
    b[11] = s11 + k7;
    b[12] = s12 + counter;
    b[13] = s13 + n0;
    b[14] = s14 + n1;
    b[15] = s15 + n2;
  }
}
