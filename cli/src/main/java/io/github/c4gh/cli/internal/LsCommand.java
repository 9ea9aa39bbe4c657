package io.github.c4gh.cli.internal;

import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.allas.BucketInfo;
import io.github.c4gh.allas.CommonPrefix;
import io.github.c4gh.allas.ListEntry;
import io.github.c4gh.allas.ListOptions;
import io.github.c4gh.allas.ObjectSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** {@code c4gh ls [BUCKET[/PREFIX]]}: the project's buckets, or the keys in a bucket. */
final class LsCommand extends StorageCommand {
  static final Option RECURSIVE = Option.flag("recursive", "list every key below the prefix instead of one level").shortName('r');

  /** How often (in lines) to check whether standard output still takes output. */
  private static final int CHECK_EVERY = 1000;

  @Override
  public String name() {
    return "ls";
  }

  @Override
  public String summary() {
    return "list the project's buckets, or the objects in a bucket";
  }

  @Override
  List<Option> commandOptions() {
    return List.of(RECURSIVE);
  }

  @Override
  public List<String> positionals() {
    return List.of("[BUCKET[/PREFIX]]");
  }

  @Override
  public int requiredPositionals() {
    return 0;
  }

  @Override
  String commandDetails() {
    return "Without an argument, lists the buckets of the project: creation time (UTC) and name. With BUCKET, lists "
        + "the keys in it, or with BUCKET/PREFIX the keys that start with PREFIX: last-modified time (UTC), size in "
        + "bytes and the full key, one per line, in key order. Keys below the next '/' after the prefix are shown "
        + "once, as a 'directory' line with DIR in the size column; -r/--recursive lists every key instead. Give "
        + "PREFIX with a trailing '/' to list inside a directory. Listings of any size are fetched page by page "
        + "(1000 keys each) as they are printed.";
  }

  @Override
  int execute(ParsedOptions options, CliContext context, StorageConnection storage) throws IOException, UsageException {
    boolean recursive = options.has(RECURSIVE.longName());
    PrintStream out = context.stdout();
    if (options.positionals().isEmpty()) {
      if (recursive) {
        throw new UsageException("-r/--recursive lists a bucket: give BUCKET");
      }
      for (BucketInfo b : storage.client().listBuckets()) {
        out.println(String.format("%-20s  %s", time(b.creationDate()), printable(b.name())));
      }
      return 0;
    }
    BucketPath path = BucketPath.parse(options.positionals().get(0), "BUCKET[/PREFIX]");
    AllasClient client = storage.client();
    ListOptions listing = ListOptions.prefix(path.key()).withDelimiter(recursive ? null : "/");
    try (Stream<ListEntry> entries = client.list(path.bucket(), listing)) {
      Iterator<ListEntry> it = entries.iterator();
      for (long n = 1; it.hasNext(); n++) {
        out.println(line(it.next()));
        if (n % CHECK_EVERY == 0 && out.checkError()) {
          return 0; // the reader went away (ls | head): stop fetching pages
        }
      }
    }
    return 0;
  }

  private static String line(ListEntry e) {
    if (e instanceof ObjectSummary) {
      ObjectSummary o = (ObjectSummary) e;
      return String.format("%-20s %14d  %s", time(o.lastModified()), o.size(), printable(o.key()));
    }
    return String.format("%-20s %14s  %s", "", "DIR", printable(((CommonPrefix) e).prefix()));
  }

  private static String time(Instant t) {
    return t == null ? "-" : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }
}
