package io.github.c4gh.cli.internal;

import io.github.c4gh.allas.RevokeOptions;
import io.github.c4gh.allas.SharingChange;
import java.io.IOException;
import java.util.List;

/** {@code c4gh revoke BUCKET PROJECT_ID [--keep-read-of-own-objects]}: takes a project's access away. */
final class RevokeCommand extends StorageCommand {
  static final Option KEEP_READ = Option.flag("keep-read-of-own-objects",
      "add no Deny: the project can still read (GET) the objects it uploaded itself");
  static final Option KEEP_UPLOADS = Option.flag("keep-uploads",
      "do not abort the in-flight multipart uploads of the bucket (others may be uploading right now)");

  @Override
  public String name() {
    return "revoke";
  }

  @Override
  public String summary() {
    return "take a project's access to a bucket away (locks it out by default)";
  }

  @Override
  List<Option> commandOptions() {
    return List.of(KEEP_READ, KEEP_UPLOADS);
  }

  @Override
  public List<String> positionals() {
    return List.of("BUCKET", "PROJECT_ID");
  }

  @Override
  String commandDetails() {
    return "Removes PROJECT_ID from the bucket policy of BUCKET (and of BUCKET_segments when it exists) and deletes "
        + "the policy when nothing else is left. By default it locks the project out: it adds an explicit Deny for it "
        + "(without one a project keeps reading the objects it uploaded itself, which it owns) and aborts every "
        + "in-flight multipart upload in the bucket, since the server cannot tell whose they are. "
        + "--keep-read-of-own-objects leaves out the Deny; --keep-uploads leaves the uploads alone. Sharing with the "
        + "project again removes the Deny. PROJECT_ID is the 32-hex project id, as for share.";
  }

  @Override
  int execute(ParsedOptions options, CliContext context, StorageConnection storage) throws IOException, UsageException {
    String bucket = BucketPath.bucketOnly(options.positionals().get(0));
    String project = projectIdArgument(options.positionals().get(1));
    boolean keepRead = options.has(KEEP_READ.longName());
    boolean keepUploads = options.has(KEEP_UPLOADS.longName());
    RevokeOptions revokeOptions = RevokeOptions.builder().keepReadOfOwnObjects(keepRead).abortAllInFlightUploads(!keepUploads).build();
    SharingChange change = storage.client().revoke(bucket, project, revokeOptions);
    context.stdout().println("revoked project " + project + " from " + bucket + ShareCommand.alsoOn(change, bucket) + " ("
        + (keepRead ? "no Deny: it can still read the objects it uploaded" : "locked out with an explicit Deny") + "; "
        + (keepUploads ? "in-flight uploads left alone" : change.uploadsAborted() + " in-flight multipart uploads aborted") + ")");
    return 0;
  }
}
