package io.github.c4gh.cli.internal;

import io.github.c4gh.crypt4gh.PassphraseSource;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Passphrases come from {@code C4GH_PASSPHRASE} or a no-echo prompt on the terminal, never from a
 * command-line argument (which other users can see in the process list).
 */
final class Passphrases {
  private Passphrases() {}

  /**
   * The passphrase of an existing secret key file, asked for only when {@link
   * io.github.c4gh.crypt4gh.KeyFiles} finds the file encrypted.
   */
  static PassphraseSource forKeyFile(CliContext context, Path keyFile) {
    return () -> {
      String fromEnv = context.env(CliContext.PASSPHRASE_ENV);
      if (fromEnv != null) {
        return fromEnv.toCharArray();
      }
      Terminal terminal = context.terminal();
      if (terminal == null) {
        throw new CliException(keyFile + " is encrypted and there is no terminal to ask for its passphrase"
            + " (standard input or output is redirected): set " + CliContext.PASSPHRASE_ENV);
      }
      char[] typed = terminal.readPassword("Passphrase for " + keyFile + ": ");
      if (typed == null) {
        throw new CliException("no passphrase was entered for " + keyFile);
      }
      return typed;
    };
  }

  /**
   * The passphrase for a new key: {@code C4GH_PASSPHRASE}, or typed twice on the terminal. Empty
   * passphrases are refused. The caller wipes the result.
   */
  static char[] forNewKey(CliContext context) throws CliException {
    String fromEnv = context.env(CliContext.PASSPHRASE_ENV);
    if (fromEnv != null) {
      if (fromEnv.isEmpty()) {
        throw new CliException(CliContext.PASSPHRASE_ENV + " is empty: an empty passphrase is refused (use --nocrypt for a key file in clear)");
      }
      return fromEnv.toCharArray();
    }
    Terminal terminal = context.terminal();
    if (terminal == null) {
      throw new CliException("there is no terminal to ask for the new key's passphrase (standard input or output is"
          + " redirected): set " + CliContext.PASSPHRASE_ENV + " (or use --nocrypt for a key file in clear)");
    }
    char[] first = null;
    char[] second = null;
    try {
      first = terminal.readPassword("Passphrase for the new secret key: ");
      if (first == null) {
        throw new CliException("no passphrase was entered");
      }
      if (first.length == 0) {
        throw new CliException("an empty passphrase is refused (use --nocrypt for a key file in clear)");
      }
      second = terminal.readPassword("Repeat the passphrase: ");
      if (second == null || !Arrays.equals(first, second)) {
        throw new CliException("the passphrases do not match");
      }
      char[] result = first;
      first = null;
      return result;
    } catch (CliException e) {
      throw e;
    } catch (java.io.IOException e) {
      throw new CliException("cannot read the passphrase from the terminal: " + Failures.describe(e), e);
    } finally {
      if (first != null) {
        Arrays.fill(first, '\0');
      }
      if (second != null) {
        Arrays.fill(second, '\0');
      }
    }
  }
}
