package io.github.c4gh.crypt4gh.internal.keys;

import static io.github.c4gh.crypt4gh.internal.keys.C4ghPrivateKeyFormat.name;
import static io.github.c4gh.crypt4gh.internal.keys.C4ghPrivateKeyFormat.printable;

import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Crypt4ghPublicKey;
import io.github.c4gh.crypt4gh.MalformedKeyFileException;
import io.github.c4gh.crypt4gh.PassphraseSource;
import io.github.c4gh.crypt4gh.UnsupportedKeyFormatException;
import io.github.c4gh.crypt4gh.WrongPassphraseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * OpenSSH Ed25519 keys as Crypt4GH X25519 keys: the one-line public key ({@code ssh-ed25519 AAAA...
 * comment}) and the {@code openssh-key-v1} secret key (PROTOCOL.key in OpenSSH's sources):
 *
 * <pre>
 * "openssh-key-v1\0" || string ciphername || string kdfname || string kdfoptions
 *   || u32 number_of_keys (1) || string publickey || string private_section
 * private_section = u32 checkint || u32 checkint || string "ssh-ed25519" || string pk[32]
 *   || string (seed[32] || pk[32]) || string comment || padding 1, 2, 3, ...
 * </pre>
 */
final class OpenSshKeyFormat {
  static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
  static final String PRIVATE_LABEL = "OPENSSH PRIVATE KEY";
  static final String ED25519 = "ssh-ed25519";

  private OpenSshKeyFormat() {}

  /** The symmetric ciphers ssh-keygen can protect a key with (the non-AEAD ones). */
  private enum SshCipher {
    NONE("none", 8, 0, 0, null),
    AES128_CTR("aes128-ctr", 16, 16, 16, "AES/CTR/NoPadding"),
    AES192_CTR("aes192-ctr", 16, 24, 16, "AES/CTR/NoPadding"),
    AES256_CTR("aes256-ctr", 16, 32, 16, "AES/CTR/NoPadding"),
    AES128_CBC("aes128-cbc", 16, 16, 16, "AES/CBC/NoPadding"),
    AES192_CBC("aes192-cbc", 16, 24, 16, "AES/CBC/NoPadding"),
    AES256_CBC("aes256-cbc", 16, 32, 16, "AES/CBC/NoPadding");

    final String sshName;
    final int blockSize;
    final int keyLength;
    final int ivLength;
    final String transformation;

    SshCipher(String sshName, int blockSize, int keyLength, int ivLength, String transformation) {
      this.sshName = sshName;
      this.blockSize = blockSize;
      this.keyLength = keyLength;
      this.ivLength = ivLength;
      this.transformation = transformation;
    }

    static SshCipher of(String name) throws UnsupportedKeyFormatException {
      for (SshCipher c : values()) {
        if (c.sshName.equals(name)) {
          return c;
        }
      }
      throw new UnsupportedKeyFormatException("unsupported cipher in the OpenSSH key file: " + printable(name));
    }
  }

  /**
   * Parses a one-line OpenSSH public key ({@code ssh-ed25519 <base64> [comment]}).
   *
   * @throws UnsupportedKeyFormatException for key types other than ssh-ed25519
   * @throws MalformedKeyFileException for anything damaged
   */
  static Crypt4ghPublicKey decodePublicLine(String text) throws IOException {
    String line = null;
    for (String l : text.split("\n", -1)) {
      String t = strip(l);
      if (t.isEmpty()) {
        continue;
      }
      if (line != null) {
        throw new MalformedKeyFileException("an OpenSSH public key file holds one line");
      }
      line = t;
    }
    if (line == null) {
      throw new MalformedKeyFileException("the public key file is empty");
    }
    String[] fields = line.split("[ \t]+", 3);
    if (!fields[0].equals(ED25519)) {
      throw new UnsupportedKeyFormatException(
          "unsupported OpenSSH public key type " + printable(fields[0]) + ": only ssh-ed25519 keys can be Crypt4GH keys");
    }
    if (fields.length < 2) {
      throw new MalformedKeyFileException("the OpenSSH public key has no key data");
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(fields[1]);
    } catch (IllegalArgumentException e) {
      throw new MalformedKeyFileException("the OpenSSH public key is not valid base64");
    }
    return Crypt4ghPublicKey.of(Ed25519Keys.publicToX25519(ed25519PublicFromBlob(blob, true)));
  }

  /**
   * Decodes an {@code openssh-key-v1} body holding one Ed25519 key. {@code passphrase} is asked
   * only when the key is encrypted.
   */
  static Crypt4ghPrivateKey decodePrivate(byte[] body, PassphraseSource passphrase) throws IOException {
    WireReader in = new WireReader(body);
    if (!in.skipMagic(MAGIC)) {
      throw new MalformedKeyFileException("not an OpenSSH secret key: the body does not start with \"openssh-key-v1\"");
    }
    String cipherName = name(in.u32String("cipher name"));
    String kdfName = name(in.u32String("KDF name"));
    byte[] kdfOptions = in.u32String("KDF options");
    long keyCount = in.u32("number of keys");
    if (keyCount != 1) {
      throw new UnsupportedKeyFormatException("the OpenSSH key file holds " + keyCount + " keys; only files with one key are supported");
    }
    byte[] publicBlob = in.u32String("public key");
    byte[] edPublic = ed25519PublicFromBlob(publicBlob, false);
    SshCipher cipher = SshCipher.of(cipherName);
    byte[] section = in.u32String("private key section");
    in.requireEnd("the private key section");

    byte[] salt = null;
    int rounds = 0;
    if (kdfName.equals("none")) {
      if (kdfOptions.length != 0 || cipher != SshCipher.NONE) {
        throw new MalformedKeyFileException("the OpenSSH key file is encrypted but names no KDF");
      }
    } else if (kdfName.equals("bcrypt")) {
      if (cipher == SshCipher.NONE) {
        throw new MalformedKeyFileException("the OpenSSH key file names a KDF but no cipher");
      }
      WireReader opts = new WireReader(kdfOptions);
      salt = opts.u32String("bcrypt salt");
      long r = opts.u32("bcrypt rounds");
      opts.requireEnd("the bcrypt options");
      if (salt.length == 0 || r < 1 || r > Integer.MAX_VALUE) {
        throw new MalformedKeyFileException("the OpenSSH key file's bcrypt parameters are out of range");
      }
      rounds = (int) r;
    } else {
      throw new UnsupportedKeyFormatException("unsupported KDF in the OpenSSH key file: " + printable(kdfName));
    }
    if (section.length % cipher.blockSize != 0) {
      throw new MalformedKeyFileException("the OpenSSH private key section is not a whole number of cipher blocks");
    }

    byte[] plain = section;
    try {
      if (cipher != SshCipher.NONE) {
        byte[] pass = Passphrases.request(passphrase);
        byte[] keyIv = null;
        try {
          keyIv = BcryptPbkdf.derive(pass, salt, rounds, cipher.keyLength + cipher.ivLength);
          plain = decrypt(cipher, keyIv, section);
        } finally {
          Arrays.fill(pass, (byte) 0);
          if (keyIv != null) {
            Arrays.fill(keyIv, (byte) 0);
          }
        }
      }
      return decodePrivateSection(plain, edPublic, cipher != SshCipher.NONE, cipher.blockSize);
    } finally {
      Arrays.fill(section, (byte) 0);
      Arrays.fill(plain, (byte) 0);
    }
  }

  private static Crypt4ghPrivateKey decodePrivateSection(byte[] plain, byte[] edPublic, boolean encrypted, int blockSize)
      throws IOException {
    WireReader in = new WireReader(plain);
    long check1 = in.u32("check bytes");
    long check2 = in.u32("check bytes");
    if (check1 != check2) {
      if (encrypted) {
        throw new WrongPassphraseException("wrong passphrase: the OpenSSH key's check bytes do not match");
      }
      throw new MalformedKeyFileException("the OpenSSH key's check bytes do not match");
    }
    String type = name(in.u32String("key type"));
    if (!type.equals(ED25519)) {
      throw new MalformedKeyFileException("the OpenSSH private key type does not match its public key");
    }
    byte[] pk = in.u32String("Ed25519 public key");
    byte[] sk = in.u32String("Ed25519 secret key");
    byte[] seed = null;
    byte[] derivedPublic = null;
    byte[] x25519 = null;
    try {
      if (pk.length != Ed25519Keys.PUBLIC_LENGTH || sk.length != Ed25519Keys.SEED_LENGTH + Ed25519Keys.PUBLIC_LENGTH) {
        throw new MalformedKeyFileException("the OpenSSH Ed25519 key has the wrong length");
      }
      in.u32String("comment");
      int padding = in.remaining();
      if (padding >= blockSize) {
        throw new MalformedKeyFileException("the OpenSSH private key section has trailing data");
      }
      for (int i = 1; i <= padding; i++) {
        if (in.u8("padding") != i) {
          throw new MalformedKeyFileException("the OpenSSH private key section has bad padding");
        }
      }
      seed = Arrays.copyOf(sk, Ed25519Keys.SEED_LENGTH);
      derivedPublic = Ed25519Keys.publicFromSeed(seed);
      if (!MessageDigest.isEqual(pk, edPublic)
          || !MessageDigest.isEqual(Arrays.copyOfRange(sk, Ed25519Keys.SEED_LENGTH, sk.length), edPublic)
          || !MessageDigest.isEqual(derivedPublic, edPublic)) {
        throw new MalformedKeyFileException("the OpenSSH key's public and secret parts do not match");
      }
      x25519 = Ed25519Keys.seedToX25519(seed);
      return Crypt4ghPrivateKey.of(x25519);
    } finally {
      Arrays.fill(sk, (byte) 0);
      if (seed != null) {
        Arrays.fill(seed, (byte) 0);
      }
      if (x25519 != null) {
        Arrays.fill(x25519, (byte) 0);
      }
    }
  }

  private static byte[] decrypt(SshCipher cipher, byte[] keyIv, byte[] section) {
    try {
      Cipher c = Cipher.getInstance(cipher.transformation);
      c.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(keyIv, 0, cipher.keyLength, "AES"),
          new IvParameterSpec(keyIv, cipher.keyLength, cipher.ivLength));
      return c.doFinal(section);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(cipher.transformation + " is not available from the JDK", e);
    }
  }

  /**
   * The 32-byte Ed25519 key in an SSH public key blob ({@code string "ssh-ed25519" || string pk}).
   *
   * @param oneLine whether the blob comes from a one-line public key, whose leading type field was
   *     already checked (a different type inside is then damage, not an unsupported type)
   */
  private static byte[] ed25519PublicFromBlob(byte[] blob, boolean oneLine) throws IOException {
    WireReader in = new WireReader(blob);
    String type = name(in.u32String("public key type"));
    if (!type.equals(ED25519)) {
      if (oneLine) {
        throw new MalformedKeyFileException("the OpenSSH public key's type field does not match its key data");
      }
      throw new UnsupportedKeyFormatException(
          "unsupported OpenSSH key type " + printable(type) + ": only ssh-ed25519 keys can be Crypt4GH keys");
    }
    byte[] pk = in.u32String("Ed25519 public key");
    in.requireEnd("the Ed25519 public key");
    if (pk.length != Ed25519Keys.PUBLIC_LENGTH) {
      throw new MalformedKeyFileException("the Ed25519 public key is " + pk.length + " bytes, not 32");
    }
    return pk;
  }

  private static String strip(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && Armor.isSpace(s.charAt(b))) {
      b++;
    }
    while (e > b && Armor.isSpace(s.charAt(e - 1))) {
      e--;
    }
    return s.substring(b, e);
  }
}
