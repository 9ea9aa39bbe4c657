package io.github.c4gh.crypt4gh;

import io.github.c4gh.crypt4gh.internal.X25519;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * An X25519 secret key, with its public key. The secret never appears in {@link #toString()}; call
 * {@link #destroy()} to wipe it when done. Instances are immutable until destroyed and safe to share
 * between threads.
 *
 * <pre>{@code
 * Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();
 * Crypt4ghPublicKey pub = key.publicKey();
 * }</pre>
 */
public final class Crypt4ghPrivateKey implements Destroyable {
  /** Length of a raw X25519 secret key in bytes. */
  public static final int LENGTH = 32;

  private final byte[] secret;
  private final Crypt4ghPublicKey publicKey;
  private volatile boolean destroyed;

  private Crypt4ghPrivateKey(byte[] secret) {
    this.secret = secret;
    this.publicKey = Crypt4ghPublicKey.of(X25519.publicFromSecret(secret));
  }

  /**
   * The secret key with these 32 raw bytes (RFC 7748 scalar; clamping is applied when it is used).
   * The array is copied; the caller may wipe its own copy.
   *
   * @throws IllegalArgumentException if {@code raw} is not 32 bytes long
   */
  public static Crypt4ghPrivateKey of(byte[] raw) {
    if (raw == null || raw.length != LENGTH) {
      throw new IllegalArgumentException("an X25519 secret key is 32 bytes, got " + (raw == null ? "null" : raw.length));
    }
    return new Crypt4ghPrivateKey(raw.clone());
  }

  /** A new random key pair from a strong {@link SecureRandom}. */
  public static Crypt4ghPrivateKey generate() {
    return generate(new SecureRandom());
  }

  /** A new random key pair from {@code random}. */
  public static Crypt4ghPrivateKey generate(SecureRandom random) {
    byte[] raw = new byte[LENGTH];
    random.nextBytes(raw);
    try {
      return new Crypt4ghPrivateKey(raw.clone());
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** The matching public key. */
  public Crypt4ghPublicKey publicKey() {
    return publicKey;
  }

  /**
   * A copy of the 32 secret bytes, for writing key files or handing to another library. The caller
   * owns the copy and should wipe it.
   *
   * @throws IllegalStateException if the key was destroyed
   */
  public byte[] exportSecretBytes() {
    checkLive();
    return secret.clone();
  }

  /**
   * X25519 of this secret and {@code peer}: the raw Diffie-Hellman output (32 bytes).
   *
   * @throws java.security.InvalidKeyException if the result is all zero (a low-order peer key)
   */
  byte[] agree(Crypt4ghPublicKey peer) throws java.security.InvalidKeyException {
    checkLive();
    return X25519.agree(secret, peer.toBytes());
  }

  /** Wipes the secret bytes; later use throws {@link IllegalStateException}. */
  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(secret, (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  private void checkLive() {
    if (destroyed) {
      throw new IllegalStateException("the secret key was destroyed");
    }
  }

  /** Shows the public key only. */
  @Override
  public String toString() {
    return "Crypt4ghPrivateKey[public=" + publicKey.toBase64() + (destroyed ? ", destroyed" : "") + "]";
  }
}
