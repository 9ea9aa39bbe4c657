package io.github.c4gh.cli.internal;

import io.github.c4gh.allas.AccessDeniedException;
import io.github.c4gh.allas.AllasClient;
import java.io.IOException;
import java.util.List;

/** {@code c4gh rm BUCKET/KEY}: deletes one object. */
final class RmCommand extends StorageCommand {
  static final Option FORCE = Option.flag("force", "succeed also when the object does not exist").shortName('f');

  @Override
  public String name() {
    return "rm";
  }

  @Override
  public String summary() {
    return "delete an object";
  }

  @Override
  List<Option> commandOptions() {
    return List.of(FORCE);
  }

  @Override
  public List<String> positionals() {
    return List.of("BUCKET/KEY");
  }

  @Override
  String commandDetails() {
    return "Deletes the object KEY in BUCKET and prints 'deleted BUCKET/KEY'. Allas keeps no versions or backups: "
        + "this is final. An object that does not exist is an error unless -f/--force is given. Buckets are not "
        + "deleted by rm.";
  }

  @Override
  int execute(ParsedOptions options, CliContext context, StorageConnection storage) throws IOException, UsageException {
    BucketPath path = BucketPath.parse(options.positionals().get(0), "BUCKET/KEY");
    if (path.key().isEmpty()) {
      throw new UsageException("give BUCKET/KEY: rm deletes one object, not a bucket");
    }
    AllasClient client = storage.client();
    String where = path.bucket() + "/" + path.key();
    if (!options.has(FORCE.longName())) {
      boolean exists;
      try {
        exists = client.objectExists(path.bucket(), path.key());
      } catch (AccessDeniedException e) {
        exists = true; // write-only access to a shared bucket: no HEAD, but DELETE may be allowed
      }
      if (!exists) {
        throw new CliException(printable(where) + ": no such object (use -f/--force to ignore)");
      }
    }
    client.deleteObject(path.bucket(), path.key());
    context.stdout().println("deleted " + printable(where));
    return 0;
  }
}
