package io.github.c4gh.cli.internal;

import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Kdf;
import io.github.c4gh.crypt4gh.KeyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/** {@code c4gh keygen}: a new X25519 key pair in Crypt4GH key files. */
final class KeygenCommand implements Command {
  @Override
  public String name() {
    return "keygen";
  }

  @Override
  public String summary() {
    return "generate a key pair: a secret key file (passphrase-protected) and a public key file";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.value("sk", "FILE", "the secret key file to write (created with mode 0600)").required(),
        Option.value("pk", "FILE", "the public key file to write").required(),
        Option.value("kdf", "scrypt|bcrypt|pbkdf2_hmac_sha256", "how the passphrase protects the secret key (default scrypt, as the Python tools)"),
        Option.flag("nocrypt", "write the secret key in clear, without a passphrase (anyone who can read the file has the key)"),
        Option.value("comment", "COMMENT", "a comment stored (in clear) in the secret key file").shortName('C'),
        Option.flag("force", "replace existing key files").shortName('f'));
  }

  @Override
  public String details() {
    return "The passphrase is read from " + CliContext.PASSPHRASE_ENV + " or, when that is not set, asked for twice "
        + "on the terminal without echo. An empty passphrase is refused; use --nocrypt for a key in clear. "
        + "The key files are in the format of the Python crypt4gh tools.";
  }

  @Override
  public int run(ParsedOptions options, CliContext context) throws IOException, UsageException {
    Path sk = options.path("sk");
    Path pk = options.path("pk");
    boolean force = options.has("force");
    boolean nocrypt = options.has("nocrypt");
    Kdf kdf;
    if (nocrypt) {
      if (options.has("kdf")) {
        throw usage("--kdf and --nocrypt exclude each other");
      }
      kdf = Kdf.NONE;
    } else {
      String name = options.valueOr("kdf", "scrypt").toLowerCase(java.util.Locale.ROOT);
      switch (name) {
        case "scrypt":
          kdf = Kdf.SCRYPT;
          break;
        case "bcrypt":
          kdf = Kdf.BCRYPT;
          break;
        case "pbkdf2_hmac_sha256":
          kdf = Kdf.PBKDF2_HMAC_SHA256;
          break;
        default:
          throw usage("unknown KDF '" + options.value("kdf") + "' (use scrypt, bcrypt or pbkdf2_hmac_sha256)");
      }
    }
    if (sk.toAbsolutePath().normalize().equals(pk.toAbsolutePath().normalize())) {
      throw usage("--sk and --pk name the same file");
    }
    for (Path p : List.of(sk, pk)) {
      Output.check(p, force);
    }

    char[] passphrase = nocrypt ? null : Passphrases.forNewKey(context);
    Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();
    boolean skExisted = Files.exists(sk, LinkOption.NOFOLLOW_LINKS);
    try {
      KeyFiles.writePrivateKey(sk, key, kdf, passphrase, options.value("comment"), new SecureRandom(), force);
      try {
        KeyFiles.writePublicKey(pk, key.publicKey(), force);
      } catch (IOException | RuntimeException e) {
        if (!skExisted) {
          try {
            Files.deleteIfExists(sk); // no secret key without its public key
          } catch (IOException suppressed) {
            e.addSuppressed(suppressed);
          }
        }
        throw e;
      }
    } finally {
      key.destroy();
      if (passphrase != null) {
        Arrays.fill(passphrase, '\0');
      }
    }
    return 0;
  }

  private static UsageException usage(String message) {
    return new UsageException(message);
  }
}
