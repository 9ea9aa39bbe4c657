package io.github.c4gh.crypt4gh.internal.keys;

import io.github.c4gh.crypt4gh.Kdf;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The passphrase KDFs of Crypt4GH key files, on byte-array passphrases (the UTF-8 bytes of what the
 * user typed). Uses Bouncy Castle's lightweight API only; never registers a provider.
 */
public final class KeyDerivation {
  /** Length of the key every Crypt4GH KDF derives. */
  public static final int KEY_LENGTH = 32;

  /** scrypt cost used by Crypt4GH, whatever the file's rounds field says. */
  static final int SCRYPT_N = 1 << 14;

  static final int SCRYPT_R = 8;
  static final int SCRYPT_P = 1;

  private KeyDerivation() {}

  /**
   * The 32-byte key for a Crypt4GH secret key file: scrypt (N=2^14, r=8, p=1; {@code rounds}
   * ignored), OpenSSH {@code bcrypt_pbkdf} or PBKDF2-HMAC-SHA256 with {@code rounds}.
   *
   * @throws IllegalArgumentException for {@link Kdf#NONE}, or rounds or salt out of range for the KDF
   */
  public static byte[] deriveKey(Kdf kdf, byte[] passphrase, byte[] salt, int rounds) {
    switch (kdf) {
      case SCRYPT:
        return scrypt(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_LENGTH);
      case BCRYPT:
        return BcryptPbkdf.derive(passphrase, salt, rounds, KEY_LENGTH);
      case PBKDF2_HMAC_SHA256:
        return pbkdf2HmacSha256(passphrase, salt, rounds, KEY_LENGTH);
      default:
        throw new IllegalArgumentException("KDF " + kdf + " derives no key");
    }
  }

  /** scrypt (RFC 7914). */
  public static byte[] scrypt(byte[] passphrase, byte[] salt, int n, int r, int p, int keyLength) {
    return SCrypt.generate(passphrase, salt, n, r, p, keyLength);
  }

  /**
   * PBKDF2 with HMAC-SHA256 (RFC 8018) over raw bytes. (JCA's {@code PBKDF2WithHmacSHA256} takes a
   * {@code char[]} and encodes it itself, which is not UTF-8 for every provider.)
   *
   * @throws IllegalArgumentException if {@code iterations < 1}
   */
  public static byte[] pbkdf2HmacSha256(byte[] passphrase, byte[] salt, int iterations, int keyLength) {
    if (iterations < 1) {
      throw new IllegalArgumentException("PBKDF2 needs at least one iteration");
    }
    PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
    generator.init(passphrase, salt, iterations);
    KeyParameter parameter = (KeyParameter) generator.generateDerivedParameters(keyLength * 8);
    byte[] key = parameter.getKey();
    byte[] copy = key.clone();
    Arrays.fill(key, (byte) 0);
    return copy;
  }

  /** OpenSSH {@code bcrypt_pbkdf}; see {@link BcryptPbkdf#derive}. */
  public static byte[] bcryptPbkdf(byte[] passphrase, byte[] salt, int rounds, int keyLength) {
    return BcryptPbkdf.derive(passphrase, salt, rounds, keyLength);
  }
}
