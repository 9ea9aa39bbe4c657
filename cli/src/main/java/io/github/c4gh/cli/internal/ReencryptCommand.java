package io.github.c4gh.cli.internal;

import io.github.c4gh.crypt4gh.Crypt4ghFormatException;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Crypt4ghPublicKey;
import io.github.c4gh.crypt4gh.HeaderOperations;
import io.github.c4gh.crypt4gh.ReencryptOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code c4gh reencrypt}: a new header for new recipients; the data segments are copied unchanged. */
final class ReencryptCommand implements Command {
  @Override
  public String name() {
    return "reencrypt";
  }

  @Override
  public String summary() {
    return "re-encrypt the header for new recipients without touching the data segments";
  }

  @Override
  public List<Option> options() {
    return List.of(
        CommonOptions.secretKey("a secret key that opens the file's header").required(),
        CommonOptions.RECIPIENT_PK,
        Option.flag("trim", "drop the header packets the secret key cannot open (by default they are kept after the new ones)"),
        CommonOptions.IN,
        CommonOptions.OUT,
        CommonOptions.FORCE);
  }

  @Override
  public String details() {
    return "Every header packet the secret key opens is encrypted again for each recipient. Without --trim the old "
        + "packets the key cannot open (other readers' packets) stay in the header. The old packets the key opened "
        + "are always replaced, so its owner can still decrypt only if also listed as a recipient. "
        + CommonOptions.PASSPHRASE_HELP;
  }

  @Override
  public int run(ParsedOptions options, CliContext context) throws IOException, UsageException {
    Path out = options.path("out");
    boolean force = options.has("force");
    Output.check(out, force);
    List<Crypt4ghPublicKey> recipients = KeyFileAccess.publicKeys(options.paths("recipient-pk"));
    try (Input in = Input.open(options.path("in"), context.stdin())) {
      Crypt4ghPrivateKey key = KeyFileAccess.secretKey(context, options.path("sk"));
      try (Output output = Output.open(out, force, context.stdout())) {
        HeaderOperations.reencrypt(in.channel(), output.channel(), key, recipients,
            ReencryptOptions.defaults().withTrim(options.has("trim")));
        output.commit();
      } catch (Crypt4ghFormatException e) {
        throw in.formatError(e);
      } finally {
        key.destroy();
      }
    }
    return 0;
  }
}
