package io.github.c4gh.cli.internal;

import io.github.c4gh.bridge.RekeyOptions;
import io.github.c4gh.bridge.RekeyResult;
import io.github.c4gh.crypt4gh.Crypt4ghException;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Crypt4ghPublicKey;
import io.github.c4gh.crypt4gh.ReencryptOptions;
import java.io.IOException;
import java.util.List;

/** {@code c4gh rekey BUCKET/KEY}: gives an object new recipients on the server, without downloading its data. */
final class RekeyCommand extends StorageCommand {
  @Override
  public String name() {
    return "rekey";
  }

  @Override
  public String summary() {
    return "re-encrypt an object's header for new recipients on the server, without downloading the data";
  }

  @Override
  List<Option> commandOptions() {
    return List.of(
        CommonOptions.secretKey("a secret key that opens the object's header").required(),
        CommonOptions.RECIPIENT_PK,
        Option.flag("trim", "drop the header packets the secret key cannot open (by default they are kept after the new ones)"));
  }

  @Override
  public List<String> positionals() {
    return List.of("BUCKET/KEY");
  }

  @Override
  String commandDetails() {
    return "Every header packet the secret key opens is encrypted again for each recipient, and the object is "
        + "replaced in place: the new header and the first few MiB of segments are sent, the rest is copied on "
        + "the server (UploadPartCopy), so about 5 MiB travel each way whatever the object's size. Without --trim "
        + "the packets the key cannot open stay. The key's own owner keeps access only if listed as a recipient. "
        + "Prints the bytes sent, received and copied on the server. " + CommonOptions.PASSPHRASE_HELP;
  }

  @Override
  int execute(ParsedOptions options, CliContext context, StorageConnection storage) throws IOException, UsageException {
    BucketPath target = TransferSupport.object(options.positionals().get(0), name());
    List<Crypt4ghPublicKey> recipients = KeyFileAccess.publicKeys(options.paths("recipient-pk"));
    Crypt4ghPrivateKey key = KeyFileAccess.secretKey(context, options.path("sk"));
    String where = TransferSupport.where(target);
    RekeyResult r;
    try {
      RekeyOptions rekey = RekeyOptions.builder()
          .reencrypt(ReencryptOptions.defaults().withTrim(options.has("trim")))
          .build();
      r = TransferSupport.bridge(storage).rekey(target.bucket(), target.key(), key, recipients, rekey);
    } catch (Crypt4ghException e) {
      throw new CliException(where + ": " + e.getMessage(), e);
    } finally {
      key.destroy();
    }
    context.stdout().println("rekeyed " + where + "  " + r.objectBytes() + " bytes  ETag " + r.eTag());
    context.stdout().println("header " + r.oldHeaderBytes() + " -> " + r.newHeaderBytes() + " bytes; received "
        + r.bytesDownloaded() + " bytes, sent " + r.bytesUploaded() + " bytes, copied on the server "
        + r.bytesCopiedOnServer() + " bytes" + (r.rewrittenWhole() ? " (small object: rewritten whole)" : ""));
    return 0;
  }
}
