package io.github.c4gh.allas;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;

/**
 * Immutable settings of an {@link AllasClient}: what was given explicitly, plus where to discover
 * the rest.
 *
 * <p>Each setting is taken from the first of these places that has it:
 *
 * <ol>
 *   <li>the value set on the builder;
 *   <li>the environment: {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} (with {@code
 *       AWS_SESSION_TOKEN} if set), {@code AWS_ENDPOINT_URL_S3} or {@code AWS_ENDPOINT_URL}, and
 *       {@code AWS_PROFILE} to choose the profile in the files below;
 *   <li>the files CSC's {@code allas-conf} writes: {@code ~/.aws/credentials} (INI profiles, also
 *       with {@code AWS_ACCESS_KEY_ID=...} style lines, with or without a section header), {@code
 *       ~/.aws/config} ({@code endpoint_url}, also in an {@code s3 =} sub-section, and keys if any),
 *       {@code ~/.s3cfg} ({@code access_key}, {@code secret_key}, {@code host_base}, {@code
 *       use_https}); {@code AWS_SHARED_CREDENTIALS_FILE}, {@code AWS_CONFIG_FILE} and {@code
 *       S3CMD_CONFIG} move them;
 *   <li>credentials only: the AWS SDK's default credentials chain (system properties, web
 *       identity, SSO and process profiles, container and instance metadata), unless {@linkplain
 *       Builder#awsDefaultCredentialsChain(boolean) turned off};
 *   <li>the Allas defaults: endpoint {@code https://a3s.fi}.
 * </ol>
 *
 * <p>No credential anywhere is an error ({@link MissingCredentialsException}) that lists every place
 * looked at. The region is not discovered: Allas has none, and signing as anything but {@code
 * us-east-1} makes CreateBucket send a location constraint that RGW refuses, so {@code AWS_REGION}
 * is deliberately ignored.
 *
 * <p>The defaults suit Allas and other Ceph RGW servers: path-style addressing (older bucket names
 * contain {@code _} or upper case), request and response checksums {@code WHEN_REQUIRED} (the SDK's
 * default aws-chunked CRC32 trailers are refused by RGW with 400 {@code XAmzContentSHA256Mismatch}),
 * a 10 s connect timeout, a 60 s socket (read) timeout, no overall call timeout (large uploads take
 * long), 3 retries with the SDK's standard back-off and up to 64 pooled connections.
 *
 * <p>The environment and home directory are injectable ({@link Builder#environment(Map)}, {@link
 * Builder#homeDirectory(Path)}) so that discovery can be tested, or confined, without touching the
 * process environment. Secrets never appear in {@link #toString()}.
 *
 * <pre>{@code
 * AllasConfig config = AllasConfig.builder()
 *     .credentials(accessKeyId, secretAccessKey)   // otherwise discovered
 *     .socketTimeout(Duration.ofMinutes(5))
 *     .build();
 * AllasConfig other = config.copy(b -> b.endpoint("http://127.0.0.1:7480"));
 * }</pre>
 */
public final class AllasConfig {

  /** The Allas S3 endpoint, {@code https://a3s.fi}. */
  public static final URI ALLAS_ENDPOINT = URI.create("https://a3s.fi");

  /** The region requests are signed for, {@code us-east-1} (Allas has no region). */
  public static final String DEFAULT_REGION = "us-east-1";

  private final URI endpoint;
  private final String region;
  private final AwsCredentialsProvider credentialsProvider;
  private final String profile;
  private final boolean pathStyle;
  private final RequestChecksumCalculation requestChecksumCalculation;
  private final ResponseChecksumValidation responseChecksumValidation;
  private final Duration connectionTimeout;
  private final Duration socketTimeout;
  private final Duration apiCallTimeout;
  private final Duration apiCallAttemptTimeout;
  private final int maxRetries;
  private final int maxConnections;
  private final Map<String, String> environment;
  private final Path homeDirectory;
  private final boolean awsDefaultCredentialsChain;

  private AllasConfig(Builder b) {
    this.endpoint = b.endpoint;
    this.region = b.region;
    this.credentialsProvider = b.credentialsProvider;
    this.profile = b.profile;
    this.pathStyle = b.pathStyle;
    this.requestChecksumCalculation = b.requestChecksumCalculation;
    this.responseChecksumValidation = b.responseChecksumValidation;
    this.connectionTimeout = b.connectionTimeout;
    this.socketTimeout = b.socketTimeout;
    this.apiCallTimeout = b.apiCallTimeout;
    this.apiCallAttemptTimeout = b.apiCallAttemptTimeout;
    this.maxRetries = b.maxRetries;
    this.maxConnections = b.maxConnections;
    this.environment = b.environment == null ? null : Map.copyOf(b.environment);
    this.homeDirectory = b.homeDirectory;
    this.awsDefaultCredentialsChain = b.awsDefaultCredentialsChain;
  }

  /**
   * A builder with the Allas defaults and nothing explicit: everything else is discovered.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The configuration with every default: endpoint and credentials discovered.
   *
   * @return the default configuration
   */
  public static AllasConfig defaults() {
    return builder().build();
  }

  /**
   * A builder holding this configuration's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A copy of this configuration with some settings changed.
   *
   * @param changes applied to a builder holding this configuration's values
   * @return the new configuration
   */
  public AllasConfig copy(Consumer<Builder> changes) {
    return toBuilder().applyMutation(changes).build();
  }

  /**
   * The explicit endpoint.
   *
   * @return the endpoint, or empty to discover it
   */
  public Optional<URI> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  /**
   * The signing region.
   *
   * @return the region, {@code us-east-1} unless set
   */
  public String region() {
    return region;
  }

  /**
   * The explicit credentials.
   *
   * @return the provider set by {@link Builder#credentials(String, String)} or {@link
   *     Builder#credentialsProvider(AwsCredentialsProvider)}, or empty to discover them
   */
  public Optional<AwsCredentialsProvider> credentialsProvider() {
    return Optional.ofNullable(credentialsProvider);
  }

  /**
   * The explicit profile name for the AWS files.
   *
   * @return the profile, or empty for {@code AWS_PROFILE} or else {@code default}
   */
  public Optional<String> profile() {
    return Optional.ofNullable(profile);
  }

  /**
   * Whether requests use path-style addressing ({@code <endpoint>/<bucket>/<key>}).
   *
   * @return {@code true} unless turned off
   */
  public boolean pathStyle() {
    return pathStyle;
  }

  /**
   * When request checksums are computed.
   *
   * @return {@code WHEN_REQUIRED} unless set
   */
  public RequestChecksumCalculation requestChecksumCalculation() {
    return requestChecksumCalculation;
  }

  /**
   * When response checksums are validated.
   *
   * @return {@code WHEN_REQUIRED} unless set
   */
  public ResponseChecksumValidation responseChecksumValidation() {
    return responseChecksumValidation;
  }

  /**
   * The TCP connect timeout.
   *
   * @return the timeout, 10 s unless set
   */
  public Duration connectionTimeout() {
    return connectionTimeout;
  }

  /**
   * The socket read timeout (the longest silence while waiting for bytes).
   *
   * @return the timeout, 60 s unless set
   */
  public Duration socketTimeout() {
    return socketTimeout;
  }

  /**
   * The limit on a whole call including retries.
   *
   * @return the limit, or empty for none (the default)
   */
  public Optional<Duration> apiCallTimeout() {
    return Optional.ofNullable(apiCallTimeout);
  }

  /**
   * The limit on a single attempt of a call.
   *
   * @return the limit, or empty for none (the default)
   */
  public Optional<Duration> apiCallAttemptTimeout() {
    return Optional.ofNullable(apiCallAttemptTimeout);
  }

  /**
   * How many times a failed retryable call is retried.
   *
   * @return the number of retries, 3 unless set
   */
  public int maxRetries() {
    return maxRetries;
  }

  /**
   * The size of the HTTP connection pool.
   *
   * @return the most connections open at once, 64 unless set
   */
  public int maxConnections() {
    return maxConnections;
  }

  /**
   * The environment variables discovery reads.
   *
   * @return the injected map, or empty for the process environment
   */
  public Optional<Map<String, String>> environment() {
    return Optional.ofNullable(environment);
  }

  /**
   * The home directory discovery reads files from.
   *
   * @return the injected directory, or empty for {@code user.home}
   */
  public Optional<Path> homeDirectory() {
    return Optional.ofNullable(homeDirectory);
  }

  /**
   * Whether the AWS SDK's default credentials chain is the last place to look for credentials.
   *
   * @return {@code true} unless turned off
   */
  public boolean awsDefaultCredentialsChain() {
    return awsDefaultCredentialsChain;
  }

  /** Describes the settings; credentials show only as "explicit", never their values. */
  @Override
  public String toString() {
    return "AllasConfig{endpoint="
        + (endpoint == null ? "(discover)" : endpoint)
        + ", region="
        + region
        + ", credentials="
        + (credentialsProvider == null ? "(discover)" : "explicit")
        + ", profile="
        + (profile == null ? "(discover)" : profile)
        + ", pathStyle="
        + pathStyle
        + ", requestChecksumCalculation="
        + requestChecksumCalculation
        + ", responseChecksumValidation="
        + responseChecksumValidation
        + ", connectionTimeout="
        + connectionTimeout
        + ", socketTimeout="
        + socketTimeout
        + ", apiCallTimeout="
        + (apiCallTimeout == null ? "none" : apiCallTimeout)
        + ", apiCallAttemptTimeout="
        + (apiCallAttemptTimeout == null ? "none" : apiCallAttemptTimeout)
        + ", maxRetries="
        + maxRetries
        + ", maxConnections="
        + maxConnections
        + ", environment="
        + (environment == null ? "(process)" : "(injected, " + environment.size() + " variables)")
        + ", homeDirectory="
        + (homeDirectory == null ? "(user.home)" : homeDirectory)
        + ", awsDefaultCredentialsChain="
        + awsDefaultCredentialsChain
        + "}";
  }

  /** Builds an {@link AllasConfig}. Not thread-safe. */
  public static final class Builder {
    private URI endpoint;
    private String region = DEFAULT_REGION;
    private AwsCredentialsProvider credentialsProvider;
    private String profile;
    private boolean pathStyle = true;
    private RequestChecksumCalculation requestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
    private ResponseChecksumValidation responseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
    private Duration connectionTimeout = Duration.ofSeconds(10);
    private Duration socketTimeout = Duration.ofSeconds(60);
    private Duration apiCallTimeout;
    private Duration apiCallAttemptTimeout;
    private int maxRetries = 3;
    private int maxConnections = 64;
    private Map<String, String> environment;
    private Path homeDirectory;
    private boolean awsDefaultCredentialsChain = true;

    private Builder() {}

    private Builder(AllasConfig c) {
      endpoint = c.endpoint;
      region = c.region;
      credentialsProvider = c.credentialsProvider;
      profile = c.profile;
      pathStyle = c.pathStyle;
      requestChecksumCalculation = c.requestChecksumCalculation;
      responseChecksumValidation = c.responseChecksumValidation;
      connectionTimeout = c.connectionTimeout;
      socketTimeout = c.socketTimeout;
      apiCallTimeout = c.apiCallTimeout;
      apiCallAttemptTimeout = c.apiCallAttemptTimeout;
      maxRetries = c.maxRetries;
      maxConnections = c.maxConnections;
      environment = c.environment;
      homeDirectory = c.homeDirectory;
      awsDefaultCredentialsChain = c.awsDefaultCredentialsChain;
    }

    /**
     * Sets the S3 endpoint, for example {@code https://a3s.fi} or {@code http://127.0.0.1:7480}.
     *
     * @param endpoint an absolute http or https URI without path, query or user info; {@code
     *     null} to discover it
     * @return this builder
     */
    public Builder endpoint(URI endpoint) {
      if (endpoint != null) {
        String scheme = endpoint.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
          throw new IllegalArgumentException("the endpoint must be an http or https URI: " + endpoint);
        }
        if (endpoint.getHost() == null) {
          throw new IllegalArgumentException("the endpoint has no host: " + endpoint);
        }
        if (endpoint.getRawUserInfo() != null || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
          throw new IllegalArgumentException("the endpoint must not have user info, a query or a fragment");
        }
        String path = endpoint.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
          throw new IllegalArgumentException("the endpoint must not have a path: " + endpoint);
        }
        if ("/".equals(path)) {
          endpoint = URI.create(endpoint.toString().substring(0, endpoint.toString().length() - 1));
        }
      }
      this.endpoint = endpoint;
      return this;
    }

    /**
     * Sets the S3 endpoint from text.
     *
     * @param endpoint for example {@code https://a3s.fi}; {@code null} to discover it
     * @return this builder
     */
    public Builder endpoint(String endpoint) {
      return endpoint(endpoint == null ? null : URI.create(endpoint));
    }

    /**
     * Sets the signing region. Leave it at {@code us-east-1} for Allas.
     *
     * @param region the region name
     * @return this builder
     */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /**
     * Sets the access key pair (an Allas "EC2 credential" of one user in one project).
     *
     * @param accessKeyId the access key id
     * @param secretAccessKey the secret key; kept only inside an AWS SDK credentials object,
     *     never printed
     * @return this builder
     */
    public Builder credentials(String accessKeyId, String secretAccessKey) {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
      this.credentialsProvider =
          StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
      return this;
    }

    /**
     * Sets where credentials come from; discovery of credentials is then skipped.
     *
     * @param provider an AWS SDK credentials provider; {@code null} to discover credentials
     * @return this builder
     */
    public Builder credentialsProvider(AwsCredentialsProvider provider) {
      this.credentialsProvider = provider;
      return this;
    }

    /**
     * Chooses the profile read from {@code ~/.aws/credentials} and {@code ~/.aws/config}.
     *
     * @param profile the profile name; {@code null} for {@code AWS_PROFILE}, else {@code default}
     * @return this builder
     */
    public Builder profile(String profile) {
      this.profile = profile;
      return this;
    }

    /**
     * Sets path-style addressing (the default, and what Allas needs).
     *
     * @param pathStyle {@code false} for virtual-host style
     * @return this builder
     */
    public Builder pathStyle(boolean pathStyle) {
      this.pathStyle = pathStyle;
      return this;
    }

    /**
     * Sets when request checksums are computed. Keep {@code WHEN_REQUIRED} for Allas.
     *
     * @param value the setting
     * @return this builder
     */
    public Builder requestChecksumCalculation(RequestChecksumCalculation value) {
      this.requestChecksumCalculation = Objects.requireNonNull(value, "requestChecksumCalculation");
      return this;
    }

    /**
     * Sets when response checksums are validated. Keep {@code WHEN_REQUIRED} for Allas.
     *
     * @param value the setting
     * @return this builder
     */
    public Builder responseChecksumValidation(ResponseChecksumValidation value) {
      this.responseChecksumValidation = Objects.requireNonNull(value, "responseChecksumValidation");
      return this;
    }

    /**
     * Sets the TCP connect timeout.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder connectionTimeout(Duration timeout) {
      this.connectionTimeout = positive(timeout, "connectionTimeout");
      return this;
    }

    /**
     * Sets the socket read timeout.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder socketTimeout(Duration timeout) {
      this.socketTimeout = positive(timeout, "socketTimeout");
      return this;
    }

    /**
     * Limits each whole call, retries included.
     *
     * @param timeout a positive duration, or {@code null} for no limit
     * @return this builder
     */
    public Builder apiCallTimeout(Duration timeout) {
      this.apiCallTimeout = timeout == null ? null : positive(timeout, "apiCallTimeout");
      return this;
    }

    /**
     * Limits each attempt of a call.
     *
     * @param timeout a positive duration, or {@code null} for no limit
     * @return this builder
     */
    public Builder apiCallAttemptTimeout(Duration timeout) {
      this.apiCallAttemptTimeout = timeout == null ? null : positive(timeout, "apiCallAttemptTimeout");
      return this;
    }

    /**
     * Sets how often a retryable failure is retried (standard back-off).
     *
     * @param retries 0 or more
     * @return this builder
     */
    public Builder maxRetries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("maxRetries must be >= 0");
      }
      this.maxRetries = retries;
      return this;
    }

    /**
     * Sets the HTTP connection pool size.
     *
     * @param connections 1 or more
     * @return this builder
     */
    public Builder maxConnections(int connections) {
      if (connections < 1) {
        throw new IllegalArgumentException("maxConnections must be >= 1");
      }
      this.maxConnections = connections;
      return this;
    }

    /**
     * Sets the environment variables discovery reads instead of the process environment.
     *
     * @param environment the variables (copied); {@code null} for the process environment
     * @return this builder
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = environment == null ? null : Map.copyOf(environment);
      return this;
    }

    /**
     * Sets the home directory discovery reads {@code .aws/} and {@code .s3cfg} from.
     *
     * @param home the directory; {@code null} for the {@code user.home} system property
     * @return this builder
     */
    public Builder homeDirectory(Path home) {
      this.homeDirectory = home;
      return this;
    }

    /**
     * Sets whether the AWS SDK's default credentials chain is consulted when nothing else had
     * credentials. It reads the real process environment and system properties whatever {@link
     * #environment(Map)} says, and may query instance metadata; turn it off for confined or test
     * configurations.
     *
     * @param enabled {@code false} to stop after the files
     * @return this builder
     */
    public Builder awsDefaultCredentialsChain(boolean enabled) {
      this.awsDefaultCredentialsChain = enabled;
      return this;
    }

    /**
     * Applies changes to this builder, for {@code Consumer<Builder>} style configuration.
     *
     * @param changes the changes
     * @return this builder
     */
    public Builder applyMutation(Consumer<Builder> changes) {
      changes.accept(this);
      return this;
    }

    /**
     * Builds the configuration. Nothing is discovered yet: that happens when a client is created.
     *
     * @return the immutable configuration
     */
    public AllasConfig build() {
      return new AllasConfig(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
