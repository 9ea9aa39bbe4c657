package io.github.c4gh.crypt4gh;

/**
 * The key derivation functions that protect a Crypt4GH secret key file with a passphrase. Each
 * derives a 32-byte ChaCha20-Poly1305 key from the passphrase's UTF-8 bytes and the file's salt.
 *
 * <pre>{@code
 * String text = KeyFiles.formatPrivateKey(key, Kdf.SCRYPT, passphrase, "alice@example.org", new SecureRandom());
 * Kdf kdf = Kdf.fromSpecName("bcrypt"); // Kdf.BCRYPT
 * }</pre>
 */
public enum Kdf {
  /** scrypt with N = 2^14, r = 8, p = 1 (the file's rounds field is ignored). The Python reference's default. */
  SCRYPT("scrypt"),
  /** OpenSSH's {@code bcrypt_pbkdf} with the rounds from the file (100 when written here). */
  BCRYPT("bcrypt"),
  /** PBKDF2 with HMAC-SHA256 and the rounds from the file (100 000 when written here). */
  PBKDF2_HMAC_SHA256("pbkdf2_hmac_sha256"),
  /** No KDF: the secret key is stored in clear, readable by anyone who can read the file. */
  NONE("none");

  private final String specName;

  Kdf(String specName) {
    this.specName = specName;
  }

  /** The name written in key files: {@code scrypt}, {@code bcrypt}, {@code pbkdf2_hmac_sha256} or {@code none}. */
  public String specName() {
    return specName;
  }

  /**
   * The KDF with this key-file name (case-sensitive, as in the files).
   *
   * @throws IllegalArgumentException if no KDF has that name
   */
  public static Kdf fromSpecName(String name) {
    for (Kdf kdf : values()) {
      if (kdf.specName.equals(name)) {
        return kdf;
      }
    }
    throw new IllegalArgumentException("unknown KDF name");
  }
}
