package io.github.c4gh.crypt4gh.internal.keys;

import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Crypt4ghPublicKey;
import io.github.c4gh.crypt4gh.Kdf;
import io.github.c4gh.crypt4gh.MalformedKeyFileException;
import io.github.c4gh.crypt4gh.PassphraseSource;
import io.github.c4gh.crypt4gh.UnsupportedKeyFormatException;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Key file text to keys and back: format detection and dispatch to the Crypt4GH and OpenSSH
 * formats. The public face is {@code io.github.c4gh.crypt4gh.KeyFiles}.
 */
public final class KeyFileCodec {
  /** Label of the armor around a Crypt4GH public key. */
  public static final String PUBLIC_LABEL = "CRYPT4GH PUBLIC KEY";

  /** Label written around a Crypt4GH secret key. */
  public static final String PRIVATE_LABEL = C4ghPrivateKeyFormat.LABEL;

  private KeyFileCodec() {}

  /** Reads a Crypt4GH armored public key or a one-line OpenSSH {@code ssh-ed25519} public key. */
  public static Crypt4ghPublicKey decodePublicKey(CharSequence text) throws IOException {
    Objects.requireNonNull(text, "text");
    if (Armor.looksArmored(text)) {
      Armor armor = Armor.parse(text);
      try {
        String label = armor.label();
        if (label.equals(PUBLIC_LABEL)) {
          byte[] body = armor.body();
          if (body.length != Crypt4ghPublicKey.LENGTH) {
            throw new MalformedKeyFileException("the public key is " + body.length + " bytes, not " + Crypt4ghPublicKey.LENGTH);
          }
          return Crypt4ghPublicKey.of(body);
        }
        if (label.contains("PRIVATE KEY")) {
          throw new UnsupportedKeyFormatException("this is a private key file (" + label + "), not a public key");
        }
        throw new UnsupportedKeyFormatException("unsupported public key format: " + label);
      } finally {
        armor.wipe();
      }
    }
    if (looksLikeOpenSshPublicKey(text)) {
      return OpenSshKeyFormat.decodePublicLine(text.toString());
    }
    throw new MalformedKeyFileException(
        "not a public key: expected -----BEGIN " + PUBLIC_LABEL + "----- or an OpenSSH ssh-ed25519 line");
  }

  /**
   * Reads a Crypt4GH ({@code c4gh-v1}, any armor label) or OpenSSH ({@code openssh-key-v1}, Ed25519)
   * secret key. {@code passphrase} is called only if the key is encrypted.
   */
  public static Crypt4ghPrivateKey decodePrivateKey(CharSequence text, PassphraseSource passphrase) throws IOException {
    Objects.requireNonNull(text, "text");
    if (looksLikeOpenSshPublicKey(text)) {
      throw new UnsupportedKeyFormatException("this is an OpenSSH public key, not a private key");
    }
    Armor armor = Armor.parse(text);
    try {
      byte[] body = armor.body();
      String label = armor.label();
      if (startsWith(body, C4ghPrivateKeyFormat.MAGIC)) {
        return C4ghPrivateKeyFormat.decode(body, passphrase);
      }
      if (startsWith(body, OpenSshKeyFormat.MAGIC)) {
        return OpenSshKeyFormat.decodePrivate(body, passphrase);
      }
      if (label.equals(OpenSshKeyFormat.PRIVATE_LABEL)) {
        throw new MalformedKeyFileException("the OpenSSH key file's body does not start with \"openssh-key-v1\"");
      }
      if (label.contains("PUBLIC KEY")) {
        throw new UnsupportedKeyFormatException("this is a public key file (" + label + "), not a private key");
      }
      if (label.contains("CRYPT4GH")) {
        throw new MalformedKeyFileException("the Crypt4GH key file's body does not start with \"c4gh-v1\"");
      }
      throw new UnsupportedKeyFormatException(
          "unsupported private key format (" + label + "): expected a c4gh-v1 or openssh-key-v1 key");
    } finally {
      armor.wipe();
    }
  }

  /** The armored public key as ASCII bytes, ending in a newline. */
  public static byte[] encodePublicKey(Crypt4ghPublicKey key) {
    return Armor.format(PUBLIC_LABEL, key.toBytes());
  }

  /**
   * The armored {@code c4gh-v1} secret key as ASCII bytes, ending in a newline; the caller owns (and
   * should wipe) the result.
   */
  public static byte[] encodePrivateKey(
      Crypt4ghPrivateKey key, Kdf kdf, char[] passphrase, String comment, SecureRandom random) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kdf, "kdf");
    if (kdf != Kdf.NONE) {
      Objects.requireNonNull(random, "random");
    }
    byte[] body = C4ghPrivateKeyFormat.encode(key, kdf, passphrase, comment, random);
    try {
      return Armor.format(PRIVATE_LABEL, body);
    } finally {
      Arrays.fill(body, (byte) 0);
    }
  }

  /** Whether the text starts (after whitespace) like an OpenSSH one-line public key. */
  private static boolean looksLikeOpenSshPublicKey(CharSequence text) {
    int i = 0;
    while (i < text.length() && Armor.isSpace(text.charAt(i))) {
      i++;
    }
    String head = text.subSequence(i, Math.min(text.length(), i + 16)).toString();
    return head.startsWith("ssh-") || head.startsWith("ecdsa-sha2-") || head.startsWith("sk-");
  }

  private static boolean startsWith(byte[] body, byte[] magic) {
    return body.length >= magic.length && Arrays.equals(body, 0, magic.length, magic, 0, magic.length);
  }
}
