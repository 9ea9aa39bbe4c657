package io.github.c4gh.crypt4gh;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * An X25519 public key: a recipient of a Crypt4GH file, or the writer of its header packets.
 * Immutable. Read and write key files with {@link KeyFiles}.
 */
public final class Crypt4ghPublicKey {
  /** Length of a raw X25519 public key in bytes. */
  public static final int LENGTH = 32;

  private final byte[] bytes;

  private Crypt4ghPublicKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The public key with these 32 raw bytes (the little-endian u-coordinate, as in RFC 7748).
   *
   * @throws IllegalArgumentException if {@code raw} is not 32 bytes long
   */
  public static Crypt4ghPublicKey of(byte[] raw) {
    if (raw == null || raw.length != LENGTH) {
      throw new IllegalArgumentException("an X25519 public key is 32 bytes, got " + (raw == null ? "null" : raw.length));
    }
    return new Crypt4ghPublicKey(raw.clone());
  }

  /**
   * The public key from its base64 form (the body of a Crypt4GH public key file).
   *
   * @throws IllegalArgumentException if the text is not base64 of 32 bytes
   */
  public static Crypt4ghPublicKey fromBase64(String base64) {
    return of(Base64.getDecoder().decode(base64.trim()));
  }

  /** A copy of the 32 raw bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The 32 raw bytes in base64, as in the body of a Crypt4GH public key file. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Whether {@code raw} holds exactly this key's bytes (constant time). */
  public boolean matches(byte[] raw) {
    return raw != null && MessageDigest.isEqual(bytes, raw);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Crypt4ghPublicKey && MessageDigest.isEqual(bytes, ((Crypt4ghPublicKey) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Crypt4ghPublicKey[" + toBase64() + "]";
  }
}
