package io.github.c4gh.crypt4gh.internal;

import java.util.Arrays;
import java.util.Objects;

/**
 * A source of IETF ChaCha20 keystream (RFC 8439 sections 2.3 and 2.4: 256-bit key, 96-bit nonce,
 * 32-bit block counter) XORed into caller-provided arrays. One instance per thread; not
 * thread-safe.
 *
 * <p>Use: {@link #start} with a key, a nonce and the first block's counter, then {@link #xor} one or
 * more times over consecutive keystream, then {@link #finish}, which wipes the key and any
 * keystream the source still holds. Every {@code xor} call but the last of a keystream must cover
 * a whole number of 64-byte blocks. A keystream never runs past block 2^32 - 1: reaching it throws
 * instead of wrapping the counter.
 */
abstract class ChaCha20KeyStream {
  /** Bytes per ChaCha20 block. */
  static final int BLOCK_SIZE = 64;
  /** Nonce size (the IETF variant). */
  static final int NONCE_SIZE = 12;
  /** Blocks a keystream may cover, counting from counter 0: 2^32. */
  static final long MAX_BLOCKS = 1L << 32;

  /** The next block's counter (0 to 2^32). */
  private long next;
  private boolean started;
  /** The last xor ended inside a block: the keystream cannot continue. */
  private boolean partial;

  /**
   * Starts a keystream.
   *
   * @param counter the first block's counter, read as unsigned 32-bit
   * @param reinitialisationExpected true when the same key and nonce may legitimately have been used
   *     just before (opening a message after sealing it or re-reading it): JCA sources then step over
   *     SunJCE's guard against reusing a key and nonce, which they otherwise keep
   */
  final void start(SymmetricKey key, byte[] nonce, int nonceOff, int counter, boolean reinitialisationExpected) {
    Objects.checkFromIndexSize(nonceOff, NONCE_SIZE, nonce.length);
    begin(key, nonce, nonceOff, counter, reinitialisationExpected);
    next = counter & 0xffffffffL;
    partial = false;
    started = true;
  }

  /**
   * XORs the next {@code len} bytes of keystream with {@code in} into {@code out}. {@code in} and
   * {@code out} may be the same array, at any offsets.
   */
  final void xor(byte[] in, int inOff, int len, byte[] out, int outOff) {
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, len, out.length);
    if (!started) {
      throw new IllegalStateException("keystream not started");
    }
    if (len == 0) {
      return;
    }
    if (partial) {
      throw new IllegalStateException("keystream continued after a partial block");
    }
    long blocks = (len + (long) BLOCK_SIZE - 1) / BLOCK_SIZE;
    if (next + blocks > MAX_BLOCKS) {
      throw new IllegalStateException("ChaCha20 block counter would wrap");
    }
    byte[] copy = null;
    if (overlapsAhead(in, inOff, len, out, outOff)) {
      // the output would overrun input not yet read: work from a copy (a rare layout)
      copy = Arrays.copyOfRange(in, inOff, inOff + len);
      in = copy;
      inOff = 0;
    }
    try {
      apply(next, in, inOff, len, out, outOff);
    } finally {
      if (copy != null) {
        Arrays.fill(copy, (byte) 0);
      }
    }
    next += blocks;
    partial = len % BLOCK_SIZE != 0;
  }

  /** Ends the keystream and wipes the key and keystream this object holds. Idempotent. */
  final void finish() {
    started = false;
    partial = false;
    next = 0;
    end();
  }

  /** Sets up the key, nonce and first counter (checked by {@link #start}). */
  abstract void begin(SymmetricKey key, byte[] nonce, int nonceOff, int counter, boolean reinitialisationExpected);

  /**
   * XORs {@code len} (at least 1) bytes of keystream from block {@code counter} on, with {@code in}
   * into {@code out}, which do not overlap ahead (checked and arranged by {@link #xor}).
   */
  abstract void apply(long counter, byte[] in, int inOff, int len, byte[] out, int outOff);

  /** Wipes the key and keystream this object holds. */
  abstract void end();

  /**
   * How many bytes a caller interleaving another pass over the output (a MAC) should process per
   * {@link #xor} call to keep the data in cache: a multiple of 64.
   */
  abstract int preferredChunk();

  /**
   * Whether writing {@code out} front to back would overwrite bytes of {@code in} before they are
   * read: the same array with the output starting inside the input, after its start.
   */
  static boolean overlapsAhead(byte[] in, int inOff, int len, byte[] out, int outOff) {
    return in == out && outOff > inOff && outOff < inOff + len;
  }
}
