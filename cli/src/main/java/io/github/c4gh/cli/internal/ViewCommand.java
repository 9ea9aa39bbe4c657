package io.github.c4gh.cli.internal;

import htsjdk.samtools.SAMException;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMRecordIterator;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.samtools.SamInputResource;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import htsjdk.samtools.ValidationStringency;
import htsjdk.samtools.util.RuntimeIOException;
import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.allas.NoSuchObjectException;
import io.github.c4gh.bridge.AllasCrypt4gh;
import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Crypt4ghException;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.htsjdk.Crypt4ghHtsjdk;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code c4gh view BUCKET/KEY.bam.c4gh --region chr:start-end}: the reads of one region of an
 * encrypted BAM in a bucket, fetched through ranged GETs of only the segments the index points at.
 */
final class ViewCommand extends StorageCommand {
  static final Option REGION = Option.value("region", "CONTIG:START-END",
      "the region, 1-based and inclusive as in samtools (chr1:10000-20000, chr1:10000 or chr1)").required();
  static final Option INDEX = Option.value("index", "BUCKET/KEY",
      "the BAI index object (encrypted or not; default: KEY.bam.bai.c4gh, KEY.bam.bai or KEY.bam.c4gh.bai next to the data)");
  static final Option VERBOSE = Option.flag("verbose", "print the number of ranged GETs of the data on standard error").shortName('v');

  @Override
  public String name() {
    return "view";
  }

  @Override
  public String summary() {
    return "print the reads of a region of an encrypted BAM object, fetching only the segments needed";
  }

  @Override
  List<Option> commandOptions() {
    return List.of(CommonOptions.secretKey("your secret key file (Crypt4GH or OpenSSH ed25519)").required(), REGION, INDEX, VERBOSE);
  }

  @Override
  public List<String> positionals() {
    return List.of("BUCKET/KEY.bam.c4gh");
  }

  @Override
  String commandDetails() {
    return "Reads the index (it is small and fetched whole), then only the BAM segments that hold reads of the "
        + "region, each in a ranged GET, and prints the overlapping reads as SAM lines (without header) on standard "
        + "output. " + CommonOptions.PASSPHRASE_HELP;
  }

  @Override
  int execute(ParsedOptions options, CliContext context, StorageConnection storage) throws IOException, UsageException {
    BucketPath data = TransferSupport.object(options.positionals().get(0), name());
    if (!data.key().endsWith(".bam.c4gh")) {
      throw new UsageException("view reads encrypted BAM objects: the key must end in .bam.c4gh, not '"
          + StorageCommand.printable(data.key()) + "'");
    }
    Region region = Region.parse(options.value(REGION.longName()));
    BucketPath indexArg = options.has(INDEX.longName()) ? TransferSupport.object(options.value(INDEX.longName()), name()) : null;
    Crypt4ghPrivateKey key = KeyFileAccess.secretKey(context, options.path("sk"));
    String where = TransferSupport.where(data);
    try {
      AllasClient client = storage.client();
      BucketPath index = indexArg != null ? indexArg : findIndex(client, data);
      byte[] indexBytes;
      try {
        indexBytes = client.getObjectBytes(index.bucket(), index.key());
      } catch (NoSuchObjectException e) {
        throw new CliException("the index " + TransferSupport.where(index) + " does not exist", e);
      }
      TransferSupport.CountingS3Client counting = new TransferSupport.CountingS3Client(client.s3());
      AllasCrypt4gh bridge = AllasCrypt4gh.create(counting);
      Crypt4ghDecryptor decryptor = Crypt4ghDecryptor.builder().privateKey(key).build();
      long records = 0;
      try (SeekableByteChannel dataChannel = bridge.newSeekableDecryptingChannel(data.bucket(), data.key(), decryptor);
          SamReader reader = SamReaderFactory.makeDefault().validationStringency(ValidationStringency.SILENT)
              .open(resource(decryptor, dataChannel, data, indexBytes))) {
        if (!reader.hasIndex()) {
          throw new CliException("htsjdk did not take " + TransferSupport.where(index) + " as the index of " + where);
        }
        SAMSequenceRecord contig = reader.getFileHeader().getSequenceDictionary().getSequence(region.contig);
        if (contig == null) {
          throw new CliException("contig '" + region.contig + "' is not in the header of " + where);
        }
        int end = region.end == Integer.MAX_VALUE ? contig.getSequenceLength() : region.end;
        PrintStream out = context.stdout();
        try (SAMRecordIterator it = reader.query(region.contig, region.start, end, false)) {
          while (it.hasNext()) {
            SAMRecord r = it.next();
            String line = r.getSAMString();
            out.print(line.endsWith("\n") ? line : line + "\n");
            records++;
          }
        }
        out.flush();
        if (out.checkError()) {
          throw new IOException("cannot write to standard output (closed pipe or full disk)");
        }
      } catch (RuntimeIOException | UncheckedIOException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Crypt4ghException) {
          throw new CliException(where + ": " + cause.getMessage(), cause);
        }
        throw cause instanceof IOException ? (IOException) cause : new IOException(where + ": " + e.getMessage(), e);
      } catch (SAMException e) {
        throw new CliException(where + ": " + Failures.oneLine(String.valueOf(e.getMessage())), e);
      }
      if (options.has(VERBOSE.longName())) {
        context.stderr().println(records + (records == 1 ? " read" : " reads") + "; " + counting.rangedGets()
            + " ranged GETs of " + where + "; index " + TransferSupport.where(index) + " (" + indexBytes.length + " bytes) in one GET");
      }
      return 0;
    } catch (Crypt4ghException e) {
      throw new CliException(where + ": " + e.getMessage(), e);
    } finally {
      key.destroy();
    }
  }

  private static SamInputResource resource(Crypt4ghDecryptor decryptor, SeekableByteChannel data, BucketPath path, byte[] index)
      throws IOException {
    return Crypt4ghHtsjdk.of(decryptor).samInputResource(data, path.key(), new MemoryChannel(index));
  }

  /** The index next to the data: {@code x.bam.bai.c4gh}, {@code x.bam.bai} or {@code x.bam.c4gh.bai}. */
  private static BucketPath findIndex(AllasClient client, BucketPath data) throws CliException {
    String bam = data.key().substring(0, data.key().length() - ".c4gh".length());
    List<String> candidates = List.of(bam + ".bai.c4gh", bam + ".bai", data.key() + ".bai");
    List<String> tried = new ArrayList<>();
    for (String k : candidates) {
      if (client.objectExists(data.bucket(), k)) {
        return new BucketPath(data.bucket(), k);
      }
      tried.add(StorageCommand.printable(k));
    }
    throw new CliException("no index next to " + TransferSupport.where(data) + " (looked for " + String.join(", ", tried)
        + "); give one with --index");
  }

  /** A samtools region: {@code contig}, {@code contig:start} or {@code contig:start-end}, 1-based, inclusive. */
  static final class Region {
    final String contig;
    final int start;
    final int end; // Integer.MAX_VALUE: to the end of the contig

    private Region(String contig, int start, int end) {
      this.contig = contig;
      this.start = start;
      this.end = end;
    }

    static Region parse(String text) throws UsageException {
      String t = text.strip();
      int colon = t.lastIndexOf(':');
      if (colon < 0) {
        if (t.isEmpty()) {
          throw bad(text);
        }
        return new Region(t, 1, Integer.MAX_VALUE);
      }
      String contig = t.substring(0, colon);
      String range = t.substring(colon + 1).replace(",", "");
      if (contig.isEmpty() || range.isEmpty()) {
        throw bad(text);
      }
      int dash = range.indexOf('-');
      int start = number(dash < 0 ? range : range.substring(0, dash), text);
      int end = dash < 0 || dash == range.length() - 1 ? Integer.MAX_VALUE : number(range.substring(dash + 1), text);
      if (start < 1 || end < start) {
        throw new UsageException("invalid region '" + text + "': START must be at least 1 and END not before START");
      }
      return new Region(contig, start, end);
    }

    private static int number(String s, String whole) throws UsageException {
      if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw bad(whole);
      }
      long v = Long.parseLong(s);
      if (v > Integer.MAX_VALUE - 1) {
        throw bad(whole);
      }
      return (int) v;
    }

    private static UsageException bad(String text) {
      return new UsageException("invalid region '" + text + "': expected CONTIG:START-END (1-based, inclusive), CONTIG:START or CONTIG");
    }
  }
}
