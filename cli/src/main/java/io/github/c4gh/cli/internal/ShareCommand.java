package io.github.c4gh.cli.internal;

import io.github.c4gh.allas.Access;
import io.github.c4gh.allas.SharingChange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code c4gh share BUCKET PROJECT_ID (--read | --write | --read-write)}: lets another project in. */
final class ShareCommand extends StorageCommand {
  static final Option READ = Option.flag("read", "the project may list the bucket and read its objects");
  static final Option WRITE = Option.flag("write", "the project may upload and delete objects (without listing or reading)");
  static final Option READ_WRITE = Option.flag("read-write", "both");

  @Override
  public String name() {
    return "share";
  }

  @Override
  public String summary() {
    return "let another project read or write a bucket (bucket policy)";
  }

  @Override
  List<Option> commandOptions() {
    return List.of(READ, WRITE, READ_WRITE);
  }

  @Override
  public List<Option> oneOfRequired() {
    return List.of(READ, WRITE, READ_WRITE);
  }

  @Override
  public List<String> positionals() {
    return List.of("BUCKET", "PROJECT_ID");
  }

  @Override
  String commandDetails() {
    return "Gives the project PROJECT_ID access to BUCKET, a bucket of this project, with exactly one of --read, "
        + "--write and --read-write, as CSC's web interface does over S3: a bucket policy statement for "
        + "arn:aws:iam::PROJECT_ID:root, after a statement that keeps the owner's own full access (so the owner can "
        + "read what the other project uploads). The project's previous access, and a lock-out left by revoke, are "
        + "replaced. The change is mirrored on BUCKET_segments when that bucket exists.\n\n"
        + "PROJECT_ID is the other project's 32-hex project id, the Share ID in CSC's web interface ('c4gh whoami' "
        + "prints it); a project name such as project_2000111 is refused, since a policy naming it matches nobody. "
        + "The other project reaches the bucket by its name (on a Ceph RGW with tenants as OWNER_ID:BUCKET). "
        + "Policies are read, changed and written back: make sharing changes to one bucket from one place at a time.";
  }

  @Override
  int execute(ParsedOptions options, CliContext context, StorageConnection storage) throws IOException, UsageException {
    Access access = access(options);
    String bucket = BucketPath.bucketOnly(options.positionals().get(0));
    String project = projectIdArgument(options.positionals().get(1));
    SharingChange change = storage.client().share(bucket, project, access);
    context.stdout().println("shared " + bucket + " with project " + project + " (" + accessName(access) + ")" + alsoOn(change, bucket));
    return 0;
  }

  private static Access access(ParsedOptions options) throws UsageException {
    List<String> given = new ArrayList<>();
    for (Option o : List.of(READ, WRITE, READ_WRITE)) {
      if (options.has(o.longName())) {
        given.add(o.displayName());
      }
    }
    if (given.size() != 1) {
      throw new UsageException(given.isEmpty()
          ? "say what the project may do: --read, --write or --read-write"
          : String.join(" and ", given) + " exclude each other (use --read-write for both)");
    }
    if (options.has(READ_WRITE.longName())) {
      return Access.READ_WRITE;
    }
    return options.has(READ.longName()) ? Access.READ : Access.WRITE;
  }

  /** {@code "; also on B_segments"} when the change was mirrored. */
  static String alsoOn(SharingChange change, String bucket) {
    List<String> others = new ArrayList<>(change.buckets());
    others.remove(bucket);
    return others.isEmpty() ? "" : "; also on " + String.join(", ", others);
  }
}
