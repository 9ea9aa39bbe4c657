package io.github.c4gh.crypt4gh;

import java.security.SecureRandom;

/**
 * How {@link Header#reencrypt} treats the old packets and who writes the new ones. Immutable.
 *
 * <pre>{@code
 * ReencryptOptions opts = ReencryptOptions.defaults().withTrim(true).withSender(mySecretKey);
 * }</pre>
 */
public final class ReencryptOptions {
  private final boolean trim;
  private final Crypt4ghPrivateKey sender;
  private final Crypt4ghPublicKey expectedSender;
  private final SecureRandom random;

  private ReencryptOptions(boolean trim, Crypt4ghPrivateKey sender, Crypt4ghPublicKey expectedSender, SecureRandom random) {
    this.trim = trim;
    this.sender = sender;
    this.expectedSender = expectedSender;
    this.random = random;
  }

  /** Keep unopened packets, ephemeral writer key, no sender check, a new {@link SecureRandom}. */
  public static ReencryptOptions defaults() {
    return new ReencryptOptions(false, null, null, new SecureRandom());
  }

  /** Whether packets the key could not open are dropped (true) or kept after the new ones (false). */
  public boolean trim() {
    return trim;
  }

  /** The writer of the new packets, or null for an ephemeral key. */
  public Crypt4ghPrivateKey sender() {
    return sender;
  }

  /** The writer the old packets must come from, or null for no check. */
  public Crypt4ghPublicKey expectedSender() {
    return expectedSender;
  }

  /** The source of nonces and ephemeral keys. */
  public SecureRandom random() {
    return random;
  }

  /** A copy with {@code trim} set. */
  public ReencryptOptions withTrim(boolean trim) {
    return new ReencryptOptions(trim, sender, expectedSender, random);
  }

  /** A copy whose new packets are written by {@code sender} (null: ephemeral). */
  public ReencryptOptions withSender(Crypt4ghPrivateKey sender) {
    return new ReencryptOptions(trim, sender, expectedSender, random);
  }

  /** A copy that accepts only old packets written by {@code expectedSender} (null: no check). */
  public ReencryptOptions withExpectedSender(Crypt4ghPublicKey expectedSender) {
    return new ReencryptOptions(trim, sender, expectedSender, random);
  }

  /** A copy using {@code random}. */
  public ReencryptOptions withRandom(SecureRandom random) {
    return new ReencryptOptions(trim, sender, expectedSender, random);
  }
}
