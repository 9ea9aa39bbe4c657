package io.github.c4gh.cli.internal;

import io.github.c4gh.crypt4gh.Crypt4ghFormatException;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.DecryptedHeader;
import io.github.c4gh.crypt4gh.Header;
import io.github.c4gh.crypt4gh.HeaderOperations;
import io.github.c4gh.crypt4gh.ReencryptOptions;
import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code c4gh rearrange}: a file that shows only a range, through an edit list, with only the segments it needs. */
final class RearrangeCommand implements Command {
  @Override
  public String name() {
    return "rearrange";
  }

  @Override
  public String summary() {
    return "keep only a plaintext range: an edit list in the header and only the segments it needs";
  }

  @Override
  public List<Option> options() {
    return List.of(
        CommonOptions.secretKey("a secret key that opens the file's header; the new header is for its public key").required(),
        Option.value("range", "START-END", "the range to keep: " + ByteRange.HELP).required(),
        CommonOptions.IN,
        CommonOptions.OUT,
        CommonOptions.FORCE);
  }

  @Override
  public String details() {
    return "The encrypted segments the range touches are copied as they are (nothing is decrypted); the new header "
        + "holds the data key and an edit list that selects the range, encrypted for the secret key's own public "
        + "key. Use reencrypt afterwards to give the result to someone else. " + CommonOptions.PASSPHRASE_HELP;
  }

  @Override
  public int run(ParsedOptions options, CliContext context) throws IOException, UsageException {
    ByteRange range = ByteRange.parse(options.value("range"));
    Path out = options.path("out");
    boolean force = options.has("force");
    Output.check(out, force);
    try (Input in = Input.open(options.path("in"), context.stdin())) {
      Crypt4ghPrivateKey key = KeyFileAccess.secretKey(context, options.path("sk"));
      try (Output output = Output.open(out, force, context.stdout())) {
        long end = range.end;
        if (in.isFile()) {
          // clip the range to the visible plaintext so the edit list holds real lengths
          Header header = Header.read(in.file());
          DecryptedHeader opened = header.decrypt(key);
          long plaintext = SegmentLayout.plaintextSize(in.file().size() - header.encodedLength());
          long visible = opened.editList().map(e -> e.keptLength(plaintext)).orElse(plaintext);
          end = Math.min(end, Math.max(visible, range.start));
          in.file().position(0);
        }
        HeaderOperations.rearrange(in.channel(), output.channel(), key, range.start, end,
            List.of(key.publicKey()), ReencryptOptions.defaults());
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
