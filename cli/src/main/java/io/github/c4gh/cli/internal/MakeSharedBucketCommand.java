package io.github.c4gh.cli.internal;

import io.github.c4gh.allas.Access;
import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.allas.InvalidProjectIdException;
import io.github.c4gh.allas.NotSupportedByServerException;
import io.github.c4gh.allas.SharedBucket;
import io.github.c4gh.crypt4gh.Crypt4ghPublicKey;
import io.github.c4gh.crypt4gh.KeyFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code c4gh make-shared-bucket BUCKET PROJECT_ID [--pk FILE]}: a bucket another project delivers
 * encrypted data into, in one step.
 */
final class MakeSharedBucketCommand extends StorageCommand {
  static final Option PK = Option.value("pk", "FILE",
      "the Crypt4GH (or ssh-ed25519) public key the producer should encrypt for; stored in the bucket as "
          + AllasClient.PUBLIC_KEY_OBJECT);

  @Override
  public String name() {
    return "make-shared-bucket";
  }

  @Override
  public String summary() {
    return "make a bucket another project can deliver encrypted data into";
  }

  @Override
  List<Option> commandOptions() {
    return List.of(PK);
  }

  @Override
  public List<String> positionals() {
    return List.of("BUCKET", "PROJECT_ID");
  }

  @Override
  String commandDetails() {
    return "Creates BUCKET (or reuses it when it is this project's already), shares it read-write with the project "
        + "PROJECT_ID (as 'share --read-write'), with --pk puts the public key into it as "
        + AllasClient.PUBLIC_KEY_OBJECT + " for the producer to encrypt for, and adds a lifecycle rule that aborts "
        + "multipart uploads still incomplete after " + AllasClient.DEFAULT_ABORT_INCOMPLETE_UPLOADS_DAYS + " days. "
        + "The key file is checked to be a public key (a secret key file is refused) and stored in the Crypt4GH "
        + "format; an existing " + AllasClient.PUBLIC_KEY_OBJECT + " with another key is refused. Steps the server "
        + "does not support (lifecycle rules on some S3 servers) are skipped and reported. PROJECT_ID is the "
        + "producer's 32-hex project id. Later, 'c4gh revoke BUCKET PROJECT_ID' locks the producer out again.";
  }

  @Override
  int execute(ParsedOptions options, CliContext context, StorageConnection storage) throws IOException, UsageException {
    String bucket = BucketPath.bucketOnly(options.positionals().get(0));
    String project = projectIdArgument(options.positionals().get(1));
    Path pkFile = options.path(PK.longName());
    byte[] publicKey = null;
    if (pkFile != null) {
      Crypt4ghPublicKey key = KeyFileAccess.publicKey(pkFile);
      publicKey = KeyFiles.formatPublicKey(key).getBytes(StandardCharsets.US_ASCII);
    }
    AllasClient client = storage.client();
    PrintStream out = context.stdout();
    if (publicKey != null) {
      SharedBucket made = client.makeSharedBucket(bucket, project, publicKey);
      report(out, bucket, project, made.created(), bucket + "/" + made.publicKeyObject(), made.skipped());
      return 0;
    }
    // no key object: the same steps without it
    if (client.projectId().equals(project)) {
      throw new InvalidProjectIdException(project + " is this project's own id (the bucket owner); share with another project", null);
    }
    boolean created = client.createBucket(bucket);
    client.share(bucket, project, Access.READ_WRITE);
    List<String> skipped = new ArrayList<>();
    try {
      client.setAbortIncompleteUploadsRule(bucket, AllasClient.DEFAULT_ABORT_INCOMPLETE_UPLOADS_DAYS);
    } catch (NotSupportedByServerException e) {
      skipped.add("lifecycle rule AbortIncompleteMultipartUpload after " + AllasClient.DEFAULT_ABORT_INCOMPLETE_UPLOADS_DAYS
          + " days: " + e.getMessage());
    }
    report(out, bucket, project, created, null, skipped);
    return 0;
  }

  private static void report(PrintStream out, String bucket, String project, boolean created, String keyObject, List<String> skipped) {
    out.println((created ? "created bucket " : "reused bucket ") + bucket);
    out.println("shared " + bucket + " with project " + project + " (read-write)");
    out.println(keyObject == null ? "public key: none (no --pk)" : "public key: " + keyObject);
    if (skipped.isEmpty()) {
      out.println("lifecycle rule: incomplete multipart uploads are aborted after "
          + AllasClient.DEFAULT_ABORT_INCOMPLETE_UPLOADS_DAYS + " days");
    }
    for (String s : skipped) {
      out.println("skipped: " + Failures.oneLine(s));
    }
  }
}
