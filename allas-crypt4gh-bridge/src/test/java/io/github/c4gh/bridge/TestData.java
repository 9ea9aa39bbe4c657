package io.github.c4gh.bridge;

import java.io.InputStream;
import java.util.Objects;

/** Deterministic pseudo-random bytes, addressable by position: any range can be regenerated. */
final class TestData {
  private TestData() {}

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Fills {@code dst[off, off+len)} with the bytes at positions {@code [position, position+len)}. */
  static void fill(long seed, long position, byte[] dst, int off, int len) {
    int i = 0;
    while (i < len) {
      long p = position + i;
      long word = mix(seed + (p >>> 3) * 0x9e3779b97f4a7c15L);
      int shift = (int) (p & 7);
      int n = Math.min(8 - shift, len - i);
      word >>>= 8 * shift;
      for (int k = 0; k < n; k++) {
        dst[off + i + k] = (byte) word;
        word >>>= 8;
      }
      i += n;
    }
  }

  static byte[] bytes(long seed, long position, int len) {
    byte[] b = new byte[len];
    fill(seed, position, b, 0, len);
    return b;
  }

  /** A stream of {@code length} bytes; reads may be short (as any stream's). */
  static InputStream stream(long seed, long length) {
    return new InputStream() {
      long pos;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (pos >= length) {
          return -1;
        }
        int n = (int) Math.min(len, length - pos);
        fill(seed, pos, b, off, n);
        pos += n;
        return n;
      }
    };
  }
}
