package io.github.c4gh.cli.internal;

/** Options shared by the codec commands, so they read and print the same everywhere. */
final class CommonOptions {
  private CommonOptions() {}

  static final Option IN = Option.value("in", "FILE", "read from FILE instead of standard input");
  static final Option OUT = Option.value("out", "FILE",
      "write to FILE instead of standard output (via a temporary file in the same directory, moved into place only on success)");
  static final Option FORCE = Option.flag("force", "replace an existing --out file").shortName('f');
  static final Option RANGE = Option.value("range", "START-END", ByteRange.HELP);
  static final Option RECIPIENT_PK = Option.value("recipient-pk", "FILE",
      "public key file of a recipient (Crypt4GH or ssh-ed25519); repeat for several recipients").required().repeatable();

  static Option secretKey(String help) {
    return Option.value("sk", "FILE", help);
  }

  /** The paragraph on passphrases printed by commands that read a secret key. */
  static final String PASSPHRASE_HELP = "If the secret key file is encrypted, its passphrase is read from "
      + CliContext.PASSPHRASE_ENV + " or asked for on the terminal without echo (which needs standard input and output "
      + "on the terminal; when either is redirected, set " + CliContext.PASSPHRASE_ENV + "). It is never taken from the "
      + "command line.";
}
