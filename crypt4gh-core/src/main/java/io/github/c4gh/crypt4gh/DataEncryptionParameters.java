package io.github.c4gh.crypt4gh;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The {@code data_encryption_parameters} header packet: the data encryption method and the
 * symmetric key of the segments. The key never appears in {@link #toString()}.
 */
public final class DataEncryptionParameters {
  /** {@code chacha20_ietf_poly1305}, the only data encryption method of Crypt4GH v1. */
  public static final int CHACHA20_IETF_POLY1305 = 0;
  /** Bytes of a data key. */
  public static final int KEY_LENGTH = 32;

  private final int method;
  private final byte[] key;

  private DataEncryptionParameters(int method, byte[] key) {
    this.method = method;
    this.key = key;
  }

  /** Parameters for {@code chacha20_ietf_poly1305} with a copy of this 32-byte key. */
  public static DataEncryptionParameters chacha20Poly1305(byte[] key) {
    if (key == null || key.length != KEY_LENGTH) {
      throw new IllegalArgumentException("a data key is 32 bytes");
    }
    return new DataEncryptionParameters(CHACHA20_IETF_POLY1305, key.clone());
  }

  /** Parameters with a fresh random key. */
  public static DataEncryptionParameters generate(SecureRandom random) {
    byte[] k = new byte[KEY_LENGTH];
    random.nextBytes(k);
    return new DataEncryptionParameters(CHACHA20_IETF_POLY1305, k);
  }

  /** The data encryption method number (0 = {@code chacha20_ietf_poly1305}). */
  public int method() {
    return method;
  }

  /** The method's spec name. */
  public String methodName() {
    return method == CHACHA20_IETF_POLY1305 ? "chacha20_ietf_poly1305" : "unknown(" + method + ")";
  }

  /** A copy of the secret data key; the caller should wipe it when done. */
  public byte[] exportDataKey() {
    return key.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataEncryptionParameters
        && ((DataEncryptionParameters) o).method == method
        && MessageDigest.isEqual(((DataEncryptionParameters) o).key, key);
  }

  @Override
  public int hashCode() {
    return 31 * method + Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "DataEncryptionParameters[" + methodName() + ", key hidden]";
  }
}
