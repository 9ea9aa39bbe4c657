package io.github.c4gh.crypt4gh.internal.keys;

import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Kdf;
import io.github.c4gh.crypt4gh.MalformedKeyFileException;
import io.github.c4gh.crypt4gh.PassphraseSource;
import io.github.c4gh.crypt4gh.UnsupportedKeyFormatException;
import io.github.c4gh.crypt4gh.WrongPassphraseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The body of a Crypt4GH secret key file ({@code c4gh-v1}):
 *
 * <pre>
 * "c4gh-v1" || string kdf_name || [ string (u32be rounds || salt) ]   -- when kdf_name != "none"
 *           || string cipher_name || string blob || [ string comment ]
 * string = u16be length || bytes
 * </pre>
 *
 * Cipher {@code chacha20_poly1305}: blob = nonce[12] || ciphertext[32] || tag[16], no AAD, key
 * from the KDF. Cipher {@code none}: blob = the clear 32-byte key.
 */
final class C4ghPrivateKeyFormat {
  static final byte[] MAGIC = "c4gh-v1".getBytes(StandardCharsets.US_ASCII);
  static final String LABEL = "CRYPT4GH PRIVATE KEY";

  private static final String CHACHA20_POLY1305 = "chacha20_poly1305";
  private static final String NONE = "none";
  private static final int NONCE_LENGTH = 12;
  private static final int TAG_LENGTH = 16;
  private static final int SALT_LENGTH = 16;
  private static final int KEY_LENGTH = Crypt4ghPrivateKey.LENGTH;
  private static final int SEALED_LENGTH = NONCE_LENGTH + KEY_LENGTH + TAG_LENGTH;

  private C4ghPrivateKeyFormat() {}

  /** Rounds the Python reference writes for each KDF. */
  static int defaultRounds(Kdf kdf) {
    switch (kdf) {
      case BCRYPT:
        return 100;
      case PBKDF2_HMAC_SHA256:
        return 100_000;
      default:
        return 0;
    }
  }

  /**
   * Decodes a c4gh-v1 body. {@code passphrase} is asked only when the key is encrypted.
   *
   * @throws MalformedKeyFileException on damaged content
   * @throws UnsupportedKeyFormatException on an unknown KDF or cipher
   * @throws WrongPassphraseException if the tag does not verify
   */
  static Crypt4ghPrivateKey decode(byte[] body, PassphraseSource passphrase) throws IOException {
    WireReader in = new WireReader(body);
    if (!in.skipMagic(MAGIC)) {
      throw new MalformedKeyFileException("not a c4gh-v1 secret key: the body does not start with \"c4gh-v1\"");
    }
    String kdfName = name(in.u16String("KDF name"));
    Kdf kdf;
    try {
      kdf = Kdf.fromSpecName(kdfName);
    } catch (IllegalArgumentException e) {
      throw new UnsupportedKeyFormatException("unsupported KDF in the secret key file: " + printable(kdfName));
    }
    int rounds = 0;
    byte[] salt = new byte[0];
    if (kdf != Kdf.NONE) {
      byte[] options = in.u16String("KDF options");
      WireReader opts = new WireReader(options);
      long r = opts.u32("KDF rounds");
      salt = opts.bytes(opts.remaining(), "KDF salt");
      if (r > Integer.MAX_VALUE) {
        throw new MalformedKeyFileException("the KDF rounds in the secret key file are out of range: " + r);
      }
      rounds = (int) r;
    }
    String cipherName = name(in.u16String("cipher name"));
    if (!cipherName.equals(CHACHA20_POLY1305) && !cipherName.equals(NONE)) {
      throw new UnsupportedKeyFormatException("unsupported cipher in the secret key file: " + printable(cipherName));
    }
    byte[] blob = in.u16String("key data");
    try {
      if (in.hasRemaining()) {
        in.u16String("comment");
      }
      in.requireEnd("the comment");

      if (cipherName.equals(NONE)) {
        // a clear key; the Python reference ignores the KDF here too
        if (blob.length != KEY_LENGTH) {
          throw new MalformedKeyFileException("the clear secret key is " + blob.length + " bytes, not " + KEY_LENGTH);
        }
        return Crypt4ghPrivateKey.of(blob);
      }
      if (kdf == Kdf.NONE) {
        throw new MalformedKeyFileException("the secret key is encrypted but its KDF is \"none\"");
      }
      if (blob.length != SEALED_LENGTH) {
        throw new MalformedKeyFileException(
            "the encrypted secret key is " + blob.length + " bytes, not " + SEALED_LENGTH);
      }
      checkKdfParameters(kdf, rounds, salt);
      byte[] pass = Passphrases.request(passphrase);
      byte[] key = null;
      byte[] secret = null;
      try {
        key = KeyDerivation.deriveKey(kdf, pass, salt, rounds);
        secret = open(key, blob);
        return Crypt4ghPrivateKey.of(secret);
      } finally {
        Arrays.fill(pass, (byte) 0);
        if (key != null) {
          Arrays.fill(key, (byte) 0);
        }
        if (secret != null) {
          Arrays.fill(secret, (byte) 0);
        }
      }
    } finally {
      Arrays.fill(blob, (byte) 0);
    }
  }

  /**
   * Encodes a c4gh-v1 body. With {@link Kdf#NONE} the key is stored in clear and the passphrase is
   * ignored.
   */
  static byte[] encode(Crypt4ghPrivateKey key, Kdf kdf, char[] passphrase, String comment, SecureRandom random) {
    byte[] commentBytes = comment == null ? null : comment.getBytes(StandardCharsets.UTF_8);
    if (commentBytes != null && commentBytes.length > 0xffff) {
      throw new IllegalArgumentException("the comment is longer than 65535 UTF-8 bytes");
    }
    if (kdf != Kdf.NONE && (passphrase == null || passphrase.length == 0)) {
      throw new IllegalArgumentException("an encrypted key needs a non-empty passphrase (use Kdf.NONE for none)");
    }
    byte[] secret = key.exportSecretBytes();
    byte[] blob = null;
    try {
      byte[] kdfName = kdf.specName().getBytes(StandardCharsets.US_ASCII);
      byte[] options = null;
      byte[] cipherName;
      if (kdf == Kdf.NONE) {
        cipherName = NONE.getBytes(StandardCharsets.US_ASCII);
        blob = secret.clone();
      } else {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        int rounds = defaultRounds(kdf);
        options = new byte[4 + SALT_LENGTH];
        options[0] = (byte) (rounds >>> 24);
        options[1] = (byte) (rounds >>> 16);
        options[2] = (byte) (rounds >>> 8);
        options[3] = (byte) rounds;
        System.arraycopy(salt, 0, options, 4, SALT_LENGTH);
        cipherName = CHACHA20_POLY1305.getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] pass = Passphrases.utf8(passphrase);
        byte[] derived = null;
        try {
          derived = KeyDerivation.deriveKey(kdf, pass, salt, rounds);
          blob = seal(derived, nonce, secret);
        } finally {
          Arrays.fill(pass, (byte) 0);
          if (derived != null) {
            Arrays.fill(derived, (byte) 0);
          }
        }
      }
      byte[][] fields = {kdfName, options, cipherName, blob, commentBytes};
      int length = MAGIC.length;
      for (byte[] field : fields) {
        length += field == null ? 0 : 2 + field.length;
      }
      byte[] out = new byte[length];
      System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
      int pos = MAGIC.length;
      for (byte[] field : fields) {
        if (field != null) {
          out[pos++] = (byte) (field.length >>> 8);
          out[pos++] = (byte) field.length;
          System.arraycopy(field, 0, out, pos, field.length);
          pos += field.length;
        }
      }
      return out;
    } finally {
      Arrays.fill(secret, (byte) 0);
      if (blob != null) {
        Arrays.fill(blob, (byte) 0);
      }
    }
  }

  private static void checkKdfParameters(Kdf kdf, int rounds, byte[] salt) throws MalformedKeyFileException {
    if (kdf == Kdf.BCRYPT && (rounds < 1 || salt.length == 0)) {
      throw new MalformedKeyFileException("the bcrypt KDF needs at least one round and a non-empty salt");
    }
    if (kdf == Kdf.PBKDF2_HMAC_SHA256 && rounds < 1) {
      throw new MalformedKeyFileException("the pbkdf2_hmac_sha256 KDF needs at least one round");
    }
  }

  private static byte[] open(byte[] key, byte[] blob) throws WrongPassphraseException {
    try {
      Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(blob, 0, NONCE_LENGTH));
      return cipher.doFinal(blob, NONCE_LENGTH, blob.length - NONCE_LENGTH);
    } catch (AEADBadTagException e) {
      throw new WrongPassphraseException("wrong passphrase: the secret key does not authenticate");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 is not available from the JDK", e);
    }
  }

  private static byte[] seal(byte[] key, byte[] nonce, byte[] secret) {
    try {
      Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
      byte[] sealed = new byte[SEALED_LENGTH];
      System.arraycopy(nonce, 0, sealed, 0, NONCE_LENGTH);
      cipher.doFinal(secret, 0, secret.length, sealed, NONCE_LENGTH);
      return sealed;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 is not available from the JDK", e);
    }
  }

  /** A name field as text (names are ASCII; other bytes map one to one). */
  static String name(byte[] raw) {
    return new String(raw, StandardCharsets.ISO_8859_1);
  }

  /** A name from a file, quoted and cut short, with non-printable characters replaced, for messages. */
  static String printable(String name) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < name.length() && i < 40; i++) {
      char c = name.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (name.length() > 40) {
      b.append("...");
    }
    return b.append('"').toString();
  }
}
