package io.github.c4gh.cli.internal;

import java.io.IOException;
import java.util.List;

/** {@code c4gh mb BUCKET}: makes a bucket in this project. */
final class MbCommand extends StorageCommand {
  @Override
  public String name() {
    return "mb";
  }

  @Override
  public String summary() {
    return "make a bucket";
  }

  @Override
  public List<String> positionals() {
    return List.of("BUCKET");
  }

  @Override
  String commandDetails() {
    return "Creates BUCKET in the project of the credentials and prints 'created bucket BUCKET'. When the bucket "
        + "exists already and is this project's, it says so and succeeds; when another project has the name, it fails. "
        + "Bucket names are global across all of Allas and public, so they must not reveal anything sensitive: 3-63 "
        + "characters of lower-case letters, digits, '-' and '.', starting and ending with a letter or digit.";
  }

  @Override
  int execute(ParsedOptions options, CliContext context, StorageConnection storage) throws IOException, UsageException {
    String bucket = BucketPath.bucketOnly(options.positionals().get(0));
    boolean created = storage.client().createBucket(bucket);
    context.stdout().println(created ? "created bucket " + bucket : "bucket " + bucket + " exists already and is this project's");
    return 0;
  }
}
