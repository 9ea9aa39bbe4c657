package io.github.c4gh.cli.internal;

import io.github.c4gh.allas.AllasClient;
import java.io.IOException;
import java.util.List;

/** {@code c4gh whoami}: the project id of the credentials. */
final class WhoamiCommand extends StorageCommand {
  static final Option VERBOSE = Option.flag("verbose", "also print the endpoint and where the keys were found (never the keys)").shortName('v');

  @Override
  public String name() {
    return "whoami";
  }

  @Override
  public String summary() {
    return "print the project id of the S3 credentials (what other projects share with)";
  }

  @Override
  List<Option> commandOptions() {
    return List.of(VERBOSE);
  }

  @Override
  String commandDetails() {
    return "Prints the project id of the credentials: the owner id the server reports (on a Ceph RGW with tenants, "
        + "its tenant part). On Allas this is the project's 32-hex Keystone id, the Share ID of CSC's web interface: "
        + "give it to a project that wants to share a bucket with yours.";
  }

  @Override
  int execute(ParsedOptions options, CliContext context, StorageConnection storage) throws IOException, UsageException {
    AllasClient client = storage.client();
    String id = client.projectId();
    if (options.has(VERBOSE.longName())) {
      context.stdout().println("project id: " + printable(id));
      context.stdout().println("endpoint: " + client.endpoint());
      context.stdout().println("keys from: " + client.credentialsSource());
    } else {
      context.stdout().println(printable(id));
    }
    return 0;
  }
}
