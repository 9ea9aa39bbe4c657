package io.github.c4gh.cli.internal;

import io.github.c4gh.crypt4gh.Crypt4ghException;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Crypt4ghPublicKey;
import io.github.c4gh.crypt4gh.KeyFiles;
import io.github.c4gh.crypt4gh.MalformedKeyFileException;
import io.github.c4gh.crypt4gh.UnsupportedKeyFormatException;
import io.github.c4gh.crypt4gh.WrongPassphraseException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads key files named on the command line, with messages that name the file and the problem. */
final class KeyFileAccess {
  private KeyFileAccess() {}

  /** Reads a secret key file, asking for its passphrase only if it is encrypted. */
  static Crypt4ghPrivateKey secretKey(CliContext context, Path path) throws CliException {
    checkReadable(path);
    try {
      return KeyFiles.readPrivateKey(path, Passphrases.forKeyFile(context, path));
    } catch (CliException e) {
      throw e;
    } catch (WrongPassphraseException e) {
      throw new CliException("the passphrase does not unlock " + path, e);
    } catch (IOException e) {
      throw keyFileError(path, "secret", e);
    }
  }

  /** Reads a public key file (Crypt4GH armor or an {@code ssh-ed25519} line). */
  static Crypt4ghPublicKey publicKey(Path path) throws CliException {
    checkReadable(path);
    try {
      return KeyFiles.readPublicKey(path);
    } catch (IOException e) {
      throw keyFileError(path, "public", e);
    }
  }

  /** Reads public key files. */
  static List<Crypt4ghPublicKey> publicKeys(List<Path> paths) throws CliException {
    List<Crypt4ghPublicKey> keys = new ArrayList<>();
    for (Path p : paths) {
      keys.add(publicKey(p));
    }
    return keys;
  }

  private static void checkReadable(Path path) throws CliException {
    if (Files.isDirectory(path)) {
      throw new CliException("cannot read the key file " + path + ": it is a directory");
    }
  }

  private static CliException keyFileError(Path path, String kind, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new CliException("cannot read the key file " + path + ": no such file", e);
    }
    if (e instanceof AccessDeniedException) {
      return new CliException("cannot read the key file " + path + ": permission denied", e);
    }
    if (e instanceof MalformedKeyFileException || e instanceof UnsupportedKeyFormatException) {
      String m = e.getMessage() == null ? "" : e.getMessage();
      String what = e instanceof MalformedKeyFileException ? " is not a usable " + kind + " key file: " : ": ";
      return new CliException(path + what + stripPath(m, path), e);
    }
    if (e instanceof Crypt4ghException) {
      return new CliException(path + ": " + stripPath(e.getMessage(), path), e);
    }
    return new CliException("cannot read the key file " + path + ": " + Failures.describe(e), e);
  }

  private static String stripPath(String message, Path path) {
    String m = message == null ? "" : message;
    String suffix = ": " + path;
    return m.endsWith(suffix) ? m.substring(0, m.length() - suffix.length()) : m;
  }
}
