package io.github.c4gh.cli.internal;

import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Crypt4ghPublicKey;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.List;

/** {@code c4gh encrypt}: plaintext to Crypt4GH for one or more recipients. */
final class EncryptCommand implements Command {
  @Override
  public String name() {
    return "encrypt";
  }

  @Override
  public String summary() {
    return "encrypt data for one or more recipients";
  }

  @Override
  public List<Option> options() {
    return List.of(
        CommonOptions.RECIPIENT_PK,
        CommonOptions.secretKey("sign the header with this secret key, so readers can check the sender "
            + "(default: a fresh ephemeral key per file)"),
        Option.value("range", "START-END", "encrypt only this range of the input: " + ByteRange.HELP
            + "; an END past the end of the input is clipped"),
        CommonOptions.IN,
        CommonOptions.OUT,
        CommonOptions.FORCE);
  }

  @Override
  public String details() {
    return "Every recipient gets one header packet with the same data key; any of their secret keys decrypts the file. "
        + CommonOptions.PASSPHRASE_HELP;
  }

  @Override
  public int run(ParsedOptions options, CliContext context) throws IOException, UsageException {
    ByteRange range = options.has("range") ? ByteRange.parse(options.value("range")) : null;
    Path out = options.path("out");
    boolean force = options.has("force");
    Output.check(out, force);
    List<Crypt4ghPublicKey> recipients = KeyFileAccess.publicKeys(options.paths("recipient-pk"));
    try (Input in = Input.open(options.path("in"), context.stdin())) {
      Crypt4ghPrivateKey sender = options.has("sk") ? KeyFileAccess.secretKey(context, options.path("sk")) : null;
      try {
        Crypt4ghEncryptor encryptor = Crypt4ghEncryptor.builder().recipients(recipients).senderKey(sender).build();
        try (Output output = Output.open(out, force, context.stdout())) {
          WritableByteChannel encrypting = encryptor.newEncryptingChannel(output.channel());
          if (range != null) {
            in.skip(range.start);
            Transfer.copy(in.channel(), encrypting, range.length());
          } else {
            Transfer.copy(in.channel(), encrypting);
          }
          encrypting.close(); // writes the last segment
          output.commit();
        }
      } finally {
        if (sender != null) {
          sender.destroy();
        }
      }
    }
    return 0;
  }
}
