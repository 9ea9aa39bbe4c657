package io.github.c4gh.cli.internal;

import io.github.c4gh.bridge.AllasCrypt4gh;
import io.github.c4gh.bridge.TargetExistsException;
import io.github.c4gh.bridge.UploadOptions;
import io.github.c4gh.bridge.UploadResult;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Crypt4ghPublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code c4gh put (FILE | -) BUCKET/KEY}: encrypts while it uploads, without a temporary file. */
final class PutCommand extends StorageCommand {
  static final Option CSC = Option.flag("csc", "also encrypt for CSC's Sensitive Data services (SD Connect, SD Desktop), "
      + "adding CSC's published public key as a recipient");
  static final Option OVERWRITE = Option.flag("overwrite", "replace the object if it exists (Allas keeps no versions: this is final)");
  static final Option PART_SIZE = Option.value("part-size", "SIZE",
      "bytes per multipart part: bytes, or with K, M, G, KiB, MiB, GiB (powers of 1024), 5M to 5G (default 8M)");
  static final Option THREADS = Option.value("threads", "N",
      "parts uploaded at the same time and threads sealing segments (default " + UploadOptions.DEFAULT_PARTS_IN_FLIGHT + ")");

  @Override
  public String name() {
    return "put";
  }

  @Override
  public String summary() {
    return "encrypt a file (or standard input) while uploading it as an object";
  }

  @Override
  List<Option> commandOptions() {
    return List.of(
        CommonOptions.RECIPIENT_PK,
        CSC,
        CommonOptions.secretKey("sign the header with this secret key, so readers can check the sender "
            + "(default: a fresh ephemeral key per object)"),
        OVERWRITE,
        PART_SIZE,
        THREADS);
  }

  @Override
  public List<String> positionals() {
    return List.of("(FILE | -)", "BUCKET/KEY");
  }

  @Override
  String commandDetails() {
    return "Encrypts FILE (or standard input for -) for the recipients while it streams it into the object "
        + "BUCKET/KEY in a multipart upload; no temporary file is written and nothing is stored unless the whole "
        + "upload succeeds. An existing object is not replaced without --overwrite. On success prints the object, "
        + "its size and ETag. A progress bar is shown on standard error when it is a terminal. "
        + CommonOptions.PASSPHRASE_HELP;
  }

  @Override
  int execute(ParsedOptions options, CliContext context, StorageConnection storage) throws IOException, UsageException {
    String source = options.positionals().get(0);
    BucketPath target = TransferSupport.object(options.positionals().get(1), name());
    long partSize = options.has(PART_SIZE.longName())
        ? TransferSupport.partSize(options.value(PART_SIZE.longName())) : UploadOptions.DEFAULT_PART_SIZE;
    int threads = options.has(THREADS.longName())
        ? TransferSupport.threads(options.value(THREADS.longName())) : UploadOptions.DEFAULT_PARTS_IN_FLIGHT;
    Path file = null;
    if (!source.equals("-")) {
      file = Path.of(source);
      if (Files.isDirectory(file)) {
        throw new CliException("cannot read " + file + ": it is a directory");
      }
      if (!Files.exists(file)) {
        throw new CliException("cannot read " + file + ": no such file");
      }
      if (!Files.isReadable(file)) {
        throw new CliException("cannot read " + file + ": permission denied");
      }
    }
    List<Crypt4ghPublicKey> recipients = new ArrayList<>(KeyFileAccess.publicKeys(options.paths("recipient-pk")));
    if (options.has(CSC.longName())) {
      recipients.add(Crypt4ghEncryptor.CSC_SENSITIVE_DATA_PUBLIC_KEY);
    }
    Crypt4ghPrivateKey sender = options.has("sk") ? KeyFileAccess.secretKey(context, options.path("sk")) : null;
    try {
      Crypt4ghEncryptor.Builder eb = Crypt4ghEncryptor.builder().recipients(recipients).senderKey(sender);
      if (options.has(THREADS.longName())) {
        eb.parallelism(threads);
      }
      Crypt4ghEncryptor encryptor = eb.build();
      AllasCrypt4gh bridge = TransferSupport.bridge(storage);
      String where = TransferSupport.where(target);
      UploadResult result;
      try (Progress progress = Progress.start(context, "put " + where, -1)) {
        UploadOptions upload = UploadOptions.builder()
            .overwrite(options.has(OVERWRITE.longName()))
            .partSize(partSize)
            .partsInFlight(threads)
            .progressListener(p -> {
              progress.total(p.expectedObjectBytes());
              progress.update(p.uploadedBytes());
            })
            .build();
        result = file != null
            ? bridge.upload(target.bucket(), target.key(), encryptor, file, upload)
            : bridge.upload(target.bucket(), target.key(), encryptor, context.stdin(), upload);
      } catch (TargetExistsException e) {
        throw new CliException(where + " already exists (use --overwrite to replace it)", e);
      }
      context.stdout().println("stored " + where + "  " + result.objectBytes() + " bytes (" + result.plaintextBytes()
          + " plaintext, " + result.parts() + (result.parts() == 1 ? " part" : " parts") + ")  ETag " + result.eTag());
      return 0;
    } finally {
      if (sender != null) {
        sender.destroy();
      }
    }
  }
}
