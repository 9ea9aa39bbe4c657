package io.github.c4gh.crypt4gh.internal;

import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.params.KeyParameter;

/** A 32-byte ChaCha20-Poly1305 key in the forms the cipher backends take, built once per key. */
public final class SymmetricKey {
  private final byte[] raw;
  private final SecretKeySpec jca;
  private final KeyParameter bc;

  public SymmetricKey(byte[] raw) {
    if (raw.length != 32) {
      throw new IllegalArgumentException("a ChaCha20-Poly1305 key is 32 bytes");
    }
    this.raw = raw.clone();
    this.jca = new SecretKeySpec(this.raw, "ChaCha20");
    this.bc = new KeyParameter(this.raw);
  }

  SecretKeySpec jca() {
    return jca;
  }

  KeyParameter bc() {
    return bc;
  }

  /** The key bytes themselves, not a copy, for this package's own ciphers: never modify or expose them. */
  byte[] bytes() {
    return raw;
  }

  /** A copy of the raw key. */
  public byte[] raw() {
    return raw.clone();
  }

  /** Whether this key has the same bytes as {@code other}. */
  public boolean sameAs(SymmetricKey other) {
    return java.security.MessageDigest.isEqual(raw, other.raw);
  }

  /** Wipes this object's copy of the key (the JCA key spec keeps its own copy). */
  public void wipe() {
    Arrays.fill(raw, (byte) 0);
  }

  @Override
  public String toString() {
    return "SymmetricKey[hidden]";
  }
}
