package io.github.c4gh.examples;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * A large "file" made up on the fly: deterministic pseudo-random bytes from a seed, computed block by
 * block so that any range can be recomputed later ({@link #bytesAt}), with the SHA-256 of everything
 * read so far. The seed workflow streams it into uploads, so no temporary file is ever written.
 *
 * <pre>{@code
 * GeneratedData data = new GeneratedData(42, 64L << 20);
 * data.transferTo(upload);
 * byte[] sha256 = data.sha256();
 * byte[] slice = GeneratedData.bytesAt(42, 1_000_000, 4096);
 * }</pre>
 */
public final class GeneratedData extends InputStream {
  private static final int BLOCK = 64 * 1024;

  private final long seed;
  private final long size;
  private final MessageDigest sha256;
  private final byte[] block = new byte[BLOCK];
  private long position;
  private long blockIndex = -1;

  /**
   * A stream of {@code size} bytes generated from {@code seed}.
   *
   * @param seed the seed
   * @param size the number of bytes
   */
  public GeneratedData(long seed, long size) {
    this.seed = seed;
    this.size = size;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The bytes {@code [offset, offset + length)} of the data that {@code seed} generates.
   *
   * @param seed the seed
   * @param offset the first byte
   * @param length how many bytes
   * @return the bytes
   */
  public static byte[] bytesAt(long seed, long offset, int length) {
    byte[] out = new byte[length];
    byte[] b = new byte[BLOCK];
    long done = 0;
    while (done < length) {
      long pos = offset + done;
      fill(seed, pos / BLOCK, b);
      int from = (int) (pos % BLOCK);
      int n = (int) Math.min(BLOCK - from, length - done);
      System.arraycopy(b, from, out, (int) done, n);
      done += n;
    }
    return out;
  }

  private static void fill(long seed, long index, byte[] b) {
    new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index).nextBytes(b);
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (position >= size) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    long index = position / BLOCK;
    if (index != blockIndex) {
      fill(seed, index, block);
      blockIndex = index;
    }
    int from = (int) (position % BLOCK);
    int n = (int) Math.min(Math.min(BLOCK - from, len), size - position);
    System.arraycopy(block, from, b, off, n);
    sha256.update(b, off, n);
    position += n;
    return n;
  }

  /**
   * The number of bytes read so far.
   *
   * @return the count
   */
  public long bytesRead() {
    return position;
  }

  /**
   * The SHA-256 of the bytes read so far (call it after reading to the end).
   *
   * @return the 32-byte digest
   */
  public byte[] sha256() {
    try {
      return ((MessageDigest) sha256.clone()).digest();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }
}
