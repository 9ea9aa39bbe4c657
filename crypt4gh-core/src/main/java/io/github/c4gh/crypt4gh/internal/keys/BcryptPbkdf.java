package io.github.c4gh.crypt4gh.internal.keys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * OpenSSH's {@code bcrypt_pbkdf} (OpenBSD {@code lib/libutil/bcrypt_pbkdf.c}): a PBKDF2-like
 * construction whose pseudorandom function is a bcrypt-style hash of SHA-512 digests, with the
 * output bytes spread across blocks ("non-linearly") rather than concatenated.
 *
 * <p>It is not OpenBSD {@code bcrypt} (the password hash): the inner hash runs a 64-iteration
 * salted Blowfish key schedule over SHA-512 digests, encrypts "OxychromaticBlowfishSwatDynamite"
 * 64 times and emits the words little-endian.
 */
public final class BcryptPbkdf {
  private static final int HASH_WORDS = 8;
  private static final int HASH_SIZE = HASH_WORDS * 4;
  private static final int SHA512_SIZE = 64;
  private static final byte[] MAGIC = "OxychromaticBlowfishSwatDynamite".getBytes(StandardCharsets.US_ASCII);

  /** Largest output OpenBSD allows: 32 blocks of 32 bytes. */
  public static final int MAX_KEY_LENGTH = HASH_SIZE * HASH_SIZE;

  private BcryptPbkdf() {}

  /**
   * {@code bcrypt_pbkdf(password, salt, rounds)} into {@code keyLength} bytes.
   *
   * @param password the password bytes (any length, including empty; OpenBSD's C function rejects
   *     an empty password, callers that care check that themselves)
   * @param salt the salt, at least one byte
   * @param rounds at least 1
   * @param keyLength 1 to {@link #MAX_KEY_LENGTH}
   * @throws IllegalArgumentException if a parameter is out of range
   */
  public static byte[] derive(byte[] password, byte[] salt, int rounds, int keyLength) {
    if (rounds < 1) {
      throw new IllegalArgumentException("bcrypt_pbkdf needs at least one round");
    }
    if (salt.length == 0 || salt.length > (1 << 20)) {
      throw new IllegalArgumentException("bcrypt_pbkdf salt length out of range: " + salt.length);
    }
    if (keyLength < 1 || keyLength > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException("bcrypt_pbkdf key length out of range: " + keyLength);
    }
    int stride = (keyLength + HASH_SIZE - 1) / HASH_SIZE;
    int amount = (keyLength + stride - 1) / stride;

    byte[] key = new byte[keyLength];
    byte[] sha2pass = new byte[SHA512_SIZE];
    byte[] sha2salt = new byte[SHA512_SIZE];
    byte[] out = new byte[HASH_SIZE];
    byte[] tmpout = new byte[HASH_SIZE];
    int[] cdata = new int[HASH_WORDS];
    byte[] countsalt = new byte[4];
    SHA512Digest sha = new SHA512Digest();
    Blowfish blowfish = new Blowfish();
    try {
      sha.update(password, 0, password.length);
      sha.doFinal(sha2pass, 0);

      int remaining = keyLength;
      for (int count = 1; remaining > 0; count++) {
        countsalt[0] = (byte) (count >>> 24);
        countsalt[1] = (byte) (count >>> 16);
        countsalt[2] = (byte) (count >>> 8);
        countsalt[3] = (byte) count;

        // first round: the salt is salt || count
        sha.update(salt, 0, salt.length);
        sha.update(countsalt, 0, countsalt.length);
        sha.doFinal(sha2salt, 0);
        hash(blowfish, sha2pass, sha2salt, cdata, tmpout);
        System.arraycopy(tmpout, 0, out, 0, HASH_SIZE);

        // later rounds: the salt is the previous output
        for (int i = 1; i < rounds; i++) {
          sha.update(tmpout, 0, tmpout.length);
          sha.doFinal(sha2salt, 0);
          hash(blowfish, sha2pass, sha2salt, cdata, tmpout);
          for (int j = 0; j < HASH_SIZE; j++) {
            out[j] ^= tmpout[j];
          }
        }

        // the pbkdf2 deviation: output byte i of block (count - 1) goes to i * stride + count - 1
        int n = Math.min(amount, remaining);
        int i = 0;
        for (; i < n; i++) {
          int dest = i * stride + (count - 1);
          if (dest >= keyLength) {
            break;
          }
          key[dest] = out[i];
        }
        remaining -= i;
      }
      return key;
    } finally {
      Arrays.fill(sha2pass, (byte) 0);
      Arrays.fill(sha2salt, (byte) 0);
      Arrays.fill(out, (byte) 0);
      Arrays.fill(tmpout, (byte) 0);
      Arrays.fill(cdata, 0);
      sha.reset();
      blowfish.wipe();
    }
  }

  /** {@code bcrypt_hash(sha2pass, sha2salt, out)}: 32 bytes into {@code out}. */
  private static void hash(Blowfish state, byte[] sha2pass, byte[] sha2salt, int[] cdata, byte[] out) {
    state.initState();
    state.expandState(sha2salt, sha2pass);
    for (int i = 0; i < 64; i++) {
      state.expand0State(sha2salt);
      state.expand0State(sha2pass);
    }
    for (int i = 0; i < HASH_WORDS; i++) {
      int o = 4 * i;
      cdata[i] = ((MAGIC[o] & 0xff) << 24) | ((MAGIC[o + 1] & 0xff) << 16) | ((MAGIC[o + 2] & 0xff) << 8) | (MAGIC[o + 3] & 0xff);
    }
    for (int i = 0; i < 64; i++) {
      state.encryptBlocks(cdata, HASH_WORDS / 2);
    }
    for (int i = 0; i < HASH_WORDS; i++) {
      int w = cdata[i];
      out[4 * i] = (byte) w;
      out[4 * i + 1] = (byte) (w >>> 8);
      out[4 * i + 2] = (byte) (w >>> 16);
      out[4 * i + 3] = (byte) (w >>> 24);
    }
  }
}
