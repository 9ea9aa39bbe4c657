package io.github.c4gh.cli.internal;

import io.github.c4gh.bridge.AllasCrypt4gh;
import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Crypt4ghException;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Crypt4ghPublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;

/** {@code c4gh get BUCKET/KEY}: decrypts while it downloads. */
final class GetCommand extends StorageCommand {
  @Override
  public String name() {
    return "get";
  }

  @Override
  public String summary() {
    return "download and decrypt an object, or a plaintext range of it";
  }

  @Override
  List<Option> commandOptions() {
    return List.of(
        CommonOptions.secretKey("your secret key file (Crypt4GH or OpenSSH ed25519)").required(),
        Option.value("sender-pk", "FILE", "accept only header packets written by this public key (the sender check)"),
        Option.value("range", "START-END", "download only this range: " + ByteRange.HELP
            + "; only the segments the range needs are fetched, in ranged GETs"),
        CommonOptions.OUT,
        CommonOptions.FORCE);
  }

  @Override
  public List<String> positionals() {
    return List.of("BUCKET/KEY");
  }

  @Override
  String commandDetails() {
    return "Fetches the object in ranges and decrypts it as it arrives, to standard output or to --out. Each 64 KiB "
        + "segment is authenticated before any of its bytes is written; a failed get leaves no --out file. A "
        + "progress bar is shown on standard error when it is a terminal. " + CommonOptions.PASSPHRASE_HELP;
  }

  @Override
  int execute(ParsedOptions options, CliContext context, StorageConnection storage) throws IOException, UsageException {
    BucketPath source = TransferSupport.object(options.positionals().get(0), name());
    ByteRange range = options.has("range") ? ByteRange.parse(options.value("range")) : null;
    Path out = options.path("out");
    boolean force = options.has("force");
    Output.check(out, force);
    Crypt4ghPublicKey sender = options.has("sender-pk") ? KeyFileAccess.publicKey(options.path("sender-pk")) : null;
    Crypt4ghPrivateKey key = KeyFileAccess.secretKey(context, options.path("sk"));
    String where = TransferSupport.where(source);
    try {
      Crypt4ghDecryptor decryptor = Crypt4ghDecryptor.builder().privateKey(key).expectedSender(sender).build();
      AllasCrypt4gh bridge = TransferSupport.bridge(storage);
      try (Output output = Output.open(out, force, context.stdout());
          Progress progress = Progress.start(context, "get " + where, -1)) {
        if (range != null) {
          try (SeekableByteChannel plain = bridge.newSeekableDecryptingChannel(source.bucket(), source.key(), decryptor)) {
            long end = Math.min(range.end, plain.size());
            if (range.start < end) {
              progress.total(end - range.start);
              plain.position(range.start);
              Transfer.copy(plain, TransferSupport.counting(output.channel(), progress), end - range.start);
            }
          }
        } else {
          try (InputStream plain = bridge.newDecryptingStream(source.bucket(), source.key(), decryptor)) {
            Transfer.copy(Channels.newChannel(plain), TransferSupport.counting(output.channel(), progress));
          }
        }
        output.commit();
      }
    } catch (Crypt4ghException e) {
      throw new CliException(where + ": " + e.getMessage(), e);
    } finally {
      key.destroy();
    }
    return 0;
  }
}
