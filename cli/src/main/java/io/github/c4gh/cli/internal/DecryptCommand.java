package io.github.c4gh.cli.internal;

import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Crypt4ghFormatException;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Crypt4ghPublicKey;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code c4gh decrypt}: Crypt4GH to plaintext. Plaintext is written only after its segment
 * authenticated, so even on standard output no unauthenticated byte is ever written.
 */
final class DecryptCommand implements Command {
  @Override
  public String name() {
    return "decrypt";
  }

  @Override
  public String summary() {
    return "decrypt a Crypt4GH file, or a plaintext range of it";
  }

  @Override
  public List<Option> options() {
    return List.of(
        CommonOptions.secretKey("your secret key file (Crypt4GH or OpenSSH ed25519)").required(),
        Option.value("sender-pk", "FILE", "accept only header packets written by this public key (the sender check)"),
        Option.value("range", "START-END", "decrypt only this range: " + ByteRange.HELP
            + "; with --in only the segments the range needs are read and decrypted"),
        CommonOptions.IN,
        CommonOptions.OUT,
        CommonOptions.FORCE);
  }

  @Override
  public String details() {
    return "Each 64 KiB segment is authenticated before any of its bytes is written; a damaged or altered file "
        + "fails with the index of the segment. An edit list in the header is applied (the range is then in the "
        + "plaintext after the edit list). " + CommonOptions.PASSPHRASE_HELP;
  }

  @Override
  public int run(ParsedOptions options, CliContext context) throws IOException, UsageException {
    ByteRange range = options.has("range") ? ByteRange.parse(options.value("range")) : null;
    Path out = options.path("out");
    boolean force = options.has("force");
    Output.check(out, force);
    Crypt4ghPublicKey sender = options.has("sender-pk") ? KeyFileAccess.publicKey(options.path("sender-pk")) : null;
    try (Input in = Input.open(options.path("in"), context.stdin())) {
      Crypt4ghPrivateKey key = KeyFileAccess.secretKey(context, options.path("sk"));
      try {
        Crypt4ghDecryptor decryptor = Crypt4ghDecryptor.builder().privateKey(key).expectedSender(sender).build();
        try (Output output = Output.open(out, force, context.stdout())) {
          if (range != null && in.isFile()) {
            // random access: only the segments the range touches are read and opened
            try (SeekableByteChannel plain = decryptor.newSeekableDecryptingChannel(in.file())) {
              long end = Math.min(range.end, plain.size());
              if (range.start < end) {
                plain.position(range.start);
                Transfer.copy(plain, output.channel(), end - range.start);
              }
            }
          } else {
            ReadableByteChannel plain = decryptor.newDecryptingChannel(in.channel());
            try {
              if (range != null) {
                Transfer.skip(plain, range.start);
                Transfer.copy(plain, output.channel(), range.length());
              } else {
                Transfer.copy(plain, output.channel());
              }
            } finally {
              plain.close();
            }
          }
          output.commit();
        } catch (Crypt4ghFormatException e) {
          throw in.formatError(e);
        }
      } finally {
        key.destroy();
      }
    }
    return 0;
  }
}
