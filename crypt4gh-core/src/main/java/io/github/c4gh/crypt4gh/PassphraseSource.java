package io.github.c4gh.crypt4gh;

import java.io.IOException;

/**
 * Supplies the passphrase of an encrypted secret key file. {@link KeyFiles} calls it only when the
 * file it reads is encrypted, so an interactive program can prompt only when needed. The library
 * wipes the returned array once it has derived the key, so return an array you do not need again.
 *
 * <pre>{@code
 * Crypt4ghPrivateKey key = KeyFiles.readPrivateKey(path, () -> System.console().readPassword("Passphrase: "));
 * }</pre>
 */
@FunctionalInterface
public interface PassphraseSource {
  /**
   * The passphrase, as characters that are encoded as UTF-8. Returning {@code null} means "no
   * passphrase" and makes the read fail with {@link WrongPassphraseException}.
   *
   * @throws IOException if the passphrase cannot be obtained (the read fails with it)
   */
  char[] passphrase() throws IOException;

  /**
   * A source that returns a fresh copy of {@code passphrase} at every call. The array is copied
   * now; the caller may wipe its own.
   */
  static PassphraseSource of(char[] passphrase) {
    char[] copy = passphrase.clone();
    return copy::clone;
  }
}
