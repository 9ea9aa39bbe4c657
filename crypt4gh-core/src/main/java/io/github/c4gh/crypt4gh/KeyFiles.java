package io.github.c4gh.crypt4gh;

import io.github.c4gh.crypt4gh.internal.keys.KeyFileCodec;
import io.github.c4gh.crypt4gh.internal.keys.KeyFileStorage;
import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads and writes Crypt4GH key files, and reads OpenSSH Ed25519 keys as Crypt4GH keys.
 *
 * <p>Reads:
 *
 * <ul>
 *   <li>public keys: {@code -----BEGIN CRYPT4GH PUBLIC KEY-----} armor around the base64 of the 32
 *       raw X25519 bytes, or a one-line OpenSSH {@code ssh-ed25519 AAAA... comment} key (converted
 *       from Edwards to Montgomery form as libsodium does);
 *   <li>secret keys: {@code c4gh-v1} inside any {@code -----BEGIN ...-----} armor (Python writes
 *       {@code CRYPT4GH PRIVATE KEY}, older files say {@code ENCRYPTED PRIVATE KEY} or {@code
 *       CRYPT4GH ENCRYPTED PRIVATE KEY}), protected by scrypt, bcrypt ({@code bcrypt_pbkdf}),
 *       pbkdf2_hmac_sha256 or nothing; and OpenSSH {@code openssh-key-v1} Ed25519 keys, clear or
 *       encrypted with bcrypt and AES-CTR or AES-CBC.
 * </ul>
 *
 * <p>Writes public keys and {@code c4gh-v1} secret keys in the layout the Python reference writes.
 * Secret key files are created with mode 0600 where the file system has POSIX permissions.
 *
 * <p>Errors are {@link IOException}s: {@link MalformedKeyFileException} for damaged or
 * unrecognisable content, {@link UnsupportedKeyFormatException} for a well-formed file using a KDF,
 * cipher or key type this library does not read, {@link WrongPassphraseException} when the
 * passphrase does not open the key. Messages never contain key material or passphrases.
 *
 * <pre>{@code
 * // generate and save a key pair, protected with scrypt
 * Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();
 * char[] passphrase = System.console().readPassword("New passphrase: ");
 * KeyFiles.writePrivateKey(Path.of("alice.sec"), key, Kdf.SCRYPT, passphrase, "alice@example.org",
 *     new SecureRandom(), false);
 * Arrays.fill(passphrase, '\0');
 * KeyFiles.writePublicKey(Path.of("alice.pub"), key.publicKey(), false);
 *
 * // read them back; the passphrase is asked for only if the file is encrypted
 * Crypt4ghPublicKey recipient = KeyFiles.readPublicKey(Path.of("alice.pub"));
 * Crypt4ghPrivateKey secret = KeyFiles.readPrivateKey(Path.of("alice.sec"),
 *     () -> System.console().readPassword("Passphrase for alice.sec: "));
 * }</pre>
 *
 * <p>All methods are stateless and safe to call from any thread.
 */
public final class KeyFiles {
  private KeyFiles() {}

  /**
   * Reads a public key file: Crypt4GH armor or a one-line OpenSSH {@code ssh-ed25519} key.
   *
   * @throws MalformedKeyFileException if the file is not a public key file or is damaged
   * @throws UnsupportedKeyFormatException if it is another kind of key (an OpenSSH RSA key, a
   *     private key, ...)
   * @throws IOException if the file cannot be read
   */
  public static Crypt4ghPublicKey readPublicKey(Path path) throws IOException {
    char[] text = KeyFileStorage.readText(path);
    try {
      return KeyFileCodec.decodePublicKey(CharBuffer.wrap(text));
    } finally {
      Arrays.fill(text, '\0');
    }
  }

  /**
   * Parses the text of a public key file; see {@link #readPublicKey(Path)}. Surrounding whitespace,
   * blank lines and CRLF line ends are accepted.
   *
   * @throws MalformedKeyFileException if the text is not a public key or is damaged
   * @throws UnsupportedKeyFormatException if it is another kind of key
   */
  public static Crypt4ghPublicKey parsePublicKey(String text) throws Crypt4ghException {
    try {
      return KeyFileCodec.decodePublicKey(text);
    } catch (Crypt4ghException e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException("parsing text raised an I/O error", e);
    }
  }

  /**
   * Reads a secret key file: Crypt4GH {@code c4gh-v1} or OpenSSH {@code openssh-key-v1} (Ed25519).
   * {@code passphrase} is called only if the key is encrypted; it may be {@code null} for a key
   * expected to be in clear (an encrypted key then fails with {@link WrongPassphraseException}).
   *
   * @throws WrongPassphraseException if the passphrase does not open the key
   * @throws MalformedKeyFileException if the file is not a secret key file or is damaged
   * @throws UnsupportedKeyFormatException if it uses a KDF, cipher or key type not supported here
   * @throws IOException if the file cannot be read, or as thrown by {@code passphrase}
   */
  public static Crypt4ghPrivateKey readPrivateKey(Path path, PassphraseSource passphrase) throws IOException {
    char[] text = KeyFileStorage.readText(path);
    try {
      return KeyFileCodec.decodePrivateKey(CharBuffer.wrap(text), passphrase);
    } finally {
      Arrays.fill(text, '\0');
    }
  }

  /**
   * Parses the text of a secret key file; see {@link #readPrivateKey(Path, PassphraseSource)}.
   *
   * @throws WrongPassphraseException if the passphrase does not open the key
   * @throws MalformedKeyFileException if the text is not a secret key or is damaged
   * @throws UnsupportedKeyFormatException if it uses a KDF, cipher or key type not supported here
   * @throws IOException as thrown by {@code passphrase}
   */
  public static Crypt4ghPrivateKey parsePrivateKey(String text, PassphraseSource passphrase) throws IOException {
    return KeyFileCodec.decodePrivateKey(text, passphrase);
  }

  /**
   * The public key file text: {@code -----BEGIN CRYPT4GH PUBLIC KEY-----}, the base64 key, {@code
   * -----END CRYPT4GH PUBLIC KEY-----}, each on its own line, ending in a newline.
   */
  public static String formatPublicKey(Crypt4ghPublicKey key) {
    return new String(KeyFileCodec.encodePublicKey(Objects.requireNonNull(key, "key")), StandardCharsets.US_ASCII);
  }

  /**
   * Writes {@link #formatPublicKey(Crypt4ghPublicKey)} to {@code path}.
   *
   * @param overwrite whether to replace an existing file
   * @throws FileAlreadyExistsException if the file exists and {@code overwrite} is false
   * @throws IOException if the file cannot be written (no partial file is left)
   */
  public static void writePublicKey(Path path, Crypt4ghPublicKey key, boolean overwrite) throws IOException {
    KeyFileStorage.write(path, KeyFileCodec.encodePublicKey(Objects.requireNonNull(key, "key")), overwrite, false);
  }

  /**
   * The {@code c4gh-v1} secret key file text, armored with {@code CRYPT4GH PRIVATE KEY}, as the
   * Python reference writes it: a 16-byte random salt, rounds 0 for scrypt, 100 for bcrypt, 100 000
   * for pbkdf2_hmac_sha256, the key sealed with ChaCha20-Poly1305 under a random nonce. With {@link
   * Kdf#NONE} the key is written in clear (cipher {@code none}) and {@code passphrase} is ignored.
   *
   * <p>The returned string cannot be wiped; prefer {@link #writePrivateKey} for clear keys.
   *
   * @param passphrase encoded as UTF-8; not modified (wipe it yourself); may be null for {@link Kdf#NONE}
   * @param commentOrNull an optional comment stored in the file (not encrypted)
   * @param random the source of the salt and nonce
   * @throws IllegalArgumentException if an encrypting KDF gets a null or empty passphrase, the passphrase
   *     is not valid UTF-16 text, or the comment is longer than 65 535 UTF-8 bytes
   * @throws IllegalStateException if {@code key} was destroyed
   */
  public static String formatPrivateKey(
      Crypt4ghPrivateKey key, Kdf kdf, char[] passphrase, String commentOrNull, SecureRandom random) {
    byte[] encoded = KeyFileCodec.encodePrivateKey(key, kdf, passphrase, commentOrNull, random);
    try {
      return new String(encoded, StandardCharsets.US_ASCII);
    } finally {
      Arrays.fill(encoded, (byte) 0);
    }
  }

  /**
   * Writes {@link #formatPrivateKey} output to {@code path}, creating the file with mode 0600 from
   * the start where the file system has POSIX permissions (elsewhere with its default permissions).
   * With {@code overwrite} the content goes to a new file in the same directory that then replaces
   * the old one, atomically where the file system can.
   *
   * @throws FileAlreadyExistsException if the file exists and {@code overwrite} is false
   * @throws IOException if the file cannot be written (no new or partial file is left)
   * @throws IllegalArgumentException as {@link #formatPrivateKey}
   */
  public static void writePrivateKey(
      Path path,
      Crypt4ghPrivateKey key,
      Kdf kdf,
      char[] passphrase,
      String commentOrNull,
      SecureRandom random,
      boolean overwrite)
      throws IOException {
    Objects.requireNonNull(path, "path");
    byte[] encoded = KeyFileCodec.encodePrivateKey(key, kdf, passphrase, commentOrNull, random);
    try {
      KeyFileStorage.write(path, encoded, overwrite, true);
    } finally {
      Arrays.fill(encoded, (byte) 0);
    }
  }
}
