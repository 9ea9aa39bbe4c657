package io.github.c4gh.examples;

import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.allas.AllasConfig;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Where the examples run: an embedded S3Proxy by default, or a real server (Ceph RGW, Allas) when
 * an endpoint and credentials are given. Two identities take part: the owner project (the project
 * manager and the project's members) and the producer project (the data producer). The embedded
 * server has one identity, so there the producer uses the owner's credentials.
 *
 * <p>Arguments (each falls back to the environment variable in brackets, as {@code
 * scripts/ceph-rgw-start.sh} writes them into its {@code rgw.env}):
 *
 * <pre>
 *   --embedded                     run on an embedded S3Proxy even if C4GH_IT_ENDPOINT is set
 *   --endpoint URL                 [C4GH_IT_ENDPOINT] a real server; without it: embedded
 *   --owner-access-key KEY         [C4GH_IT_OWNER_ACCESS_KEY]
 *   --owner-secret-key KEY         [C4GH_IT_OWNER_SECRET_KEY]
 *   --producer-access-key KEY      [C4GH_IT_PRODUCER_ACCESS_KEY]
 *   --producer-secret-key KEY      [C4GH_IT_PRODUCER_SECRET_KEY]
 * </pre>
 *
 * <pre>{@code
 * try (ExampleServer server = ExampleServer.open(args)) {
 *   AllasClient allas = server.owner();
 *   String bucket = server.newBucketName("demo");
 *   allas.createBucket(bucket);
 * }
 * }</pre>
 */
public final class ExampleServer implements AutoCloseable {
  private final EmbeddedS3 embedded;
  private final AllasClient owner;
  private final AllasClient producer;
  private final List<String> rest;
  private final String runId;

  private ExampleServer(EmbeddedS3 embedded, AllasClient owner, AllasClient producer, List<String> rest) {
    this.embedded = embedded;
    this.owner = owner;
    this.producer = producer;
    this.rest = List.copyOf(rest);
    byte[] r = new byte[4];
    new SecureRandom().nextBytes(r);
    this.runId = HexFormat.of().formatHex(r);
  }

  /**
   * Connects as the arguments and environment say (see the class comment).
   *
   * @param args the command-line arguments; those not about the server are kept in {@link #otherArgs()}
   * @return the connection; close it when done
   * @throws IllegalArgumentException if an endpoint is given but credentials are missing
   * @throws Exception if the embedded server does not start
   */
  public static ExampleServer open(String[] args) throws Exception {
    return open(args, System.getenv());
  }

  /**
   * As {@link #open(String[])} with the environment given.
   *
   * @param args the command-line arguments
   * @param env the environment
   * @return the connection
   * @throws Exception if the embedded server does not start
   */
  public static ExampleServer open(String[] args, Map<String, String> env) throws Exception {
    Map<String, String> flags = new java.util.HashMap<>();
    List<String> rest = new ArrayList<>();
    boolean forceEmbedded = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--embedded" -> forceEmbedded = true;
        case "--endpoint", "--owner-access-key", "--owner-secret-key", "--producer-access-key", "--producer-secret-key" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(a + " needs a value");
          }
          flags.put(a, args[++i]);
        }
        default -> rest.add(a);
      }
    }
    String endpoint = forceEmbedded ? null : value(flags, "--endpoint", env, "C4GH_IT_ENDPOINT");
    if (endpoint == null) {
      EmbeddedS3 s3 = EmbeddedS3.start();
      AllasClient client = AllasClient.create(s3.config());
      return new ExampleServer(s3, client, client, rest);
    }
    AllasClient owner = client(endpoint, require(flags, "--owner-access-key", env, "C4GH_IT_OWNER_ACCESS_KEY"),
        require(flags, "--owner-secret-key", env, "C4GH_IT_OWNER_SECRET_KEY"));
    String pa = value(flags, "--producer-access-key", env, "C4GH_IT_PRODUCER_ACCESS_KEY");
    String ps = value(flags, "--producer-secret-key", env, "C4GH_IT_PRODUCER_SECRET_KEY");
    AllasClient producer = pa == null || ps == null ? owner : client(endpoint, pa, ps);
    return new ExampleServer(null, owner, producer, rest);
  }

  private static AllasClient client(String endpoint, String accessKey, String secretKey) {
    return AllasClient.create(
        AllasConfig.builder()
            .endpoint(URI.create(endpoint))
            .credentials(accessKey, secretKey)
            .environment(Map.of())
            .homeDirectory(Path.of("/nonexistent-home-for-examples"))
            .awsDefaultCredentialsChain(false)
            .build());
  }

  private static String value(Map<String, String> flags, String flag, Map<String, String> env, String var) {
    String v = flags.get(flag);
    if (v == null) {
      v = env.get(var);
    }
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static String require(Map<String, String> flags, String flag, Map<String, String> env, String var) {
    String v = value(flags, flag, env, var);
    if (v == null) {
      throw new IllegalArgumentException("with an endpoint, " + flag + " or " + var + " is needed");
    }
    return v;
  }

  /**
   * Whether this is the embedded S3Proxy.
   *
   * @return {@code true} for the embedded server
   */
  public boolean embedded() {
    return embedded != null;
  }

  /**
   * Whether the producer has credentials of its own (false on the embedded server).
   *
   * @return {@code true} when owner and producer are two identities
   */
  public boolean twoIdentities() {
    return producer != owner;
  }

  /**
   * A one-line description of the server.
   *
   * @return for example {@code embedded S3Proxy at http://127.0.0.1:41234}
   */
  public String describe() {
    return (embedded() ? "embedded S3Proxy at " : "S3 server at ") + owner.endpoint();
  }

  /**
   * The owner project's client.
   *
   * @return the client (closed with this object)
   */
  public AllasClient owner() {
    return owner;
  }

  /**
   * The producer project's client: the owner's on the embedded server.
   *
   * @return the client (closed with this object)
   */
  public AllasClient producer() {
    return producer;
  }

  /**
   * How the producer addresses a bucket of the owner's: {@code <owner-id>:<bucket>} when the server
   * is a tenanted Ceph RGW (each project a tenant, as {@code scripts/ceph-rgw-start.sh} sets it up),
   * the plain name otherwise (Allas, S3Proxy).
   *
   * @param bucket the owner's bucket
   * @return the name the producer uses
   */
  public String producerView(String bucket) {
    if (!twoIdentities()) {
      return bucket;
    }
    String ownerId = owner.s3().listBuckets().owner().id();
    int dollar = ownerId.indexOf('$');
    return dollar >= 0 ? ownerId.substring(0, dollar) + ":" + bucket : bucket;
  }

  /**
   * A bucket name unique to this run: {@code c4gh-<what>-<8 hex>}.
   *
   * @param what a short lower-case word
   * @return the name
   */
  public String newBucketName(String what) {
    return "c4gh-" + what + "-" + runId;
  }

  /**
   * The arguments that were not about the server.
   *
   * @return an immutable list
   */
  public List<String> otherArgs() {
    return rest;
  }

  /** Closes the clients and stops the embedded server, if any. */
  @Override
  public void close() {
    try {
      if (producer != owner) {
        producer.close();
      }
      owner.close();
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
