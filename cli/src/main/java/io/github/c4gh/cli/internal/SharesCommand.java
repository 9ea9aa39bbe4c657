package io.github.c4gh.cli.internal;

import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.allas.Share;
import java.io.IOException;
import java.util.List;

/** {@code c4gh shares BUCKET}: the projects a bucket is shared with. */
final class SharesCommand extends StorageCommand {
  @Override
  public String name() {
    return "shares";
  }

  @Override
  public String summary() {
    return "list the projects a bucket is shared with";
  }

  @Override
  public List<String> positionals() {
    return List.of("BUCKET");
  }

  @Override
  String commandDetails() {
    return "Reads the bucket policy of BUCKET, a bucket of this project, and prints one line per project it is shared "
        + "with: the project id and read, write or read-write. Projects a revoke locked out follow with 'locked-out'. "
        + "Prints nothing when the bucket is not shared.";
  }

  @Override
  int execute(ParsedOptions options, CliContext context, StorageConnection storage) throws IOException, UsageException {
    String bucket = BucketPath.bucketOnly(options.positionals().get(0));
    AllasClient client = storage.client();
    for (Share s : client.shares(bucket)) {
      context.stdout().println(printable(s.projectId()) + "  " + accessName(s.access()));
    }
    for (String locked : client.lockedOutProjects(bucket)) {
      context.stdout().println(printable(locked) + "  locked-out");
    }
    return 0;
  }
}
