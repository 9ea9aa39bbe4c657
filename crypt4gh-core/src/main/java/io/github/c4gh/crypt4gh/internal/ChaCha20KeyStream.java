package io.github.c4gh.crypt4gh.internal;

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

  /**
   * Starts a keystream.
   *
   * @param counter the first block's counter, read as unsigned 32-bit
   * @param reinitialisationExpected true when the same key and nonce may legitimately have been used
   *     just before (opening a message after sealing it or re-reading it): JCA sources then step over
   *     SunJCE's guard against reusing a key and nonce, which they otherwise keep
   */
  abstract void start(SymmetricKey key, byte[] nonce, int nonceOff, int counter, boolean reinitialisationExpected);

  /**
   * XORs the next {@code len} bytes of keystream with {@code in} into {@code out}. {@code in} and
   * {@code out} may be the same array, at any offsets.
   */
  abstract void xor(byte[] in, int inOff, int len, byte[] out, int outOff);

  /** Ends the keystream and wipes the key and keystream this object holds. Idempotent. */
  abstract void finish();

  /**
   * How many bytes a caller interleaving another pass over the output (a MAC) should process per
   * {@link #xor} call to keep the data in cache: a multiple of 64.
   */
  abstract int preferredChunk();

  static void checkNonce(byte[] nonce, int nonceOff) {
    Objects.checkFromIndexSize(nonceOff, NONCE_SIZE, nonce.length);
  }

  /**
   * Whether writing {@code out} front to back would overwrite bytes of {@code in} before they are
   * read: the same array with the output starting inside the input, after its start.
   */
  static boolean overlapsAhead(byte[] in, int inOff, int len, byte[] out, int outOff) {
    return in == out && outOff > inOff && outOff < inOff + len;
  }
}
