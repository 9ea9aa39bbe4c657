package io.github.c4gh.cli.internal;

import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.allas.AllasConfig;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The S3 connection of one storage command: an {@link AllasConfig} from {@code --endpoint}, {@code
 * --profile}, the environment and the home directory of the {@link CliContext}, and the {@link
 * AllasClient} made from it on first use (so arguments are checked before credentials are looked
 * for). Single-use; {@link #close()} closes the client.
 *
 * <p>With {@code --profile} only that profile's keys count: {@code AWS_ACCESS_KEY_ID}, {@code
 * AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN} are ignored (as the AWS CLI does), the AWS
 * SDK's default credentials chain is not consulted (it would read those variables from the process
 * again), and keys found anywhere but in that profile (in {@code ~/.s3cfg}, say) are refused rather
 * than silently used.
 */
final class StorageConnection implements AutoCloseable {
  private static final List<String> KEY_VARIABLES = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

  private final AllasConfig config;
  private final String profile;
  private AllasClient client;

  private StorageConnection(AllasConfig config, String profile) {
    this.config = config;
    this.profile = profile;
  }

  /** The connection settings of a storage command line. */
  static StorageConnection of(ParsedOptions options, CliContext context) throws UsageException {
    Map<String, String> env = new HashMap<>(context.environment());
    AllasConfig.Builder b = AllasConfig.builder().homeDirectory(context.home());
    String endpoint = options.value(StorageCommand.ENDPOINT.longName());
    if (endpoint != null) {
      try {
        b.endpoint(URI.create(endpoint.strip()));
      } catch (IllegalArgumentException e) {
        throw new UsageException("option '--endpoint': " + (endpoint.isBlank() ? "empty URL" : Failures.describe(e))
            + " (give an http or https URL such as https://a3s.fi)");
      }
    }
    String profile = options.value(StorageCommand.PROFILE.longName());
    if (profile != null) {
      profile = profile.strip();
      if (profile.isEmpty() || profile.contains("[") || profile.contains("]")) {
        throw new UsageException("option '--profile': invalid profile name '" + options.value(StorageCommand.PROFILE.longName()) + "'");
      }
      KEY_VARIABLES.forEach(env::remove);
      b.profile(profile).awsDefaultCredentialsChain(false);
    }
    return new StorageConnection(b.environment(env).build(), profile);
  }

  /**
   * The client, created on the first call.
   *
   * @throws CliException if {@code --profile} was given and the keys found are not that profile's
   * @throws io.github.c4gh.allas.MissingCredentialsException if no keys were found at all
   */
  AllasClient client() throws CliException {
    if (client == null) {
      AllasClient c = AllasClient.create(config);
      if (profile != null && !fromProfile(c.credentialsSource(), profile)) {
        String source = c.credentialsSource();
        c.close();
        throw new CliException("profile '" + profile + "' has no keys in ~/.aws/credentials or ~/.aws/config (keys found in "
            + source + " were not used)");
      }
      client = c;
    }
    return client;
  }

  /** The endpoint of the client, or null before it is created. */
  URI endpointOrNull() {
    return client == null ? config.endpoint().orElse(null) : client.endpoint();
  }

  private static boolean fromProfile(String credentialsSource, String profile) {
    return credentialsSource.endsWith(" [" + profile + "]") || credentialsSource.endsWith(" [profile " + profile + "]");
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
