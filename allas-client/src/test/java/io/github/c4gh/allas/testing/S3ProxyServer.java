package io.github.c4gh.allas.testing;

import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.allas.AllasConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs an in-process S3 server (S3Proxy) for one test class.
 *
 * <p>Each test class gets a fresh, transient (in-memory) blob store on a random loopback port, with
 * SigV4 authentication and random credentials; the server stops after the class. S3Proxy implements
 * buckets, objects, ranges, multipart uploads, conditional PUT and canned ACLs, but answers 501 to
 * bucket policies and lifecycle rules: test those against Ceph RGW.
 *
 * <pre>{@code
 * class MyTest {
 *   @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();
 *
 *   @Test void roundTrip() {
 *     try (AllasClient client = S3.newClient()) {
 *       client.createBucket("b1");
 *       ...
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Shared with other modules as this module's test-jar; a user also declares
 * {@code org.gaul:s3proxy} in test scope (test-jars carry no dependencies).
 */
public final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback {

  private final String accessKey = "AKIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
  private final String secretKey = UUID.randomUUID().toString() + UUID.randomUUID();
  private S3Proxy proxy;
  private BlobStore blobStore;
  private URI endpoint;

  /** Creates the extension; the server starts before the first test of the class. */
  public S3ProxyServer() {}

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop();
  }

  /** Starts the server (also usable outside JUnit). Idempotent. */
  public synchronized void start() throws Exception {
    if (proxy != null) {
      return;
    }
    blobStore = new TransientNio2BlobStore();
    S3Proxy p =
        S3Proxy.builder()
            .blobStore(blobStore)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            .ignoreUnknownHeaders(true)
            .stopTimeout(0)
            .build();
    p.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!"STARTED".equals(p.getState())) {
      if (System.nanoTime() > deadline) {
        p.stop();
        throw new IllegalStateException("S3Proxy did not start: " + p.getState());
      }
      Thread.sleep(10);
    }
    proxy = p;
    endpoint = URI.create("http://127.0.0.1:" + p.getPort());
  }

  /** Stops the server and drops its store. Idempotent. */
  public synchronized void stop() throws Exception {
    if (proxy != null) {
      try {
        proxy.stop();
      } finally {
        proxy = null;
        blobStore.close();
        blobStore = null;
      }
    }
  }

  /** The server's base URI, {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    requireStarted();
    return endpoint;
  }

  /** The access key id the server accepts. */
  public String accessKey() {
    return accessKey;
  }

  /** The secret key the server accepts. */
  public String secretKey() {
    return secretKey;
  }

  /**
   * A configuration for this server that depends on nothing outside the test: explicit endpoint and
   * credentials, an empty environment, a nonexistent home directory and no AWS default chain.
   */
  public AllasConfig config() {
    return AllasConfig.builder()
        .endpoint(endpoint())
        .credentials(accessKey, secretKey)
        .environment(Map.of())
        .homeDirectory(Path.of("/nonexistent-home-for-tests"))
        .awsDefaultCredentialsChain(false)
        .build();
  }

  /** A new client for this server; the caller closes it. */
  public AllasClient newClient() {
    return AllasClient.create(config());
  }

  /** A new client for this server with some settings changed; the caller closes it. */
  public AllasClient newClient(Consumer<AllasConfig.Builder> changes) {
    return AllasClient.create(config().toBuilder().applyMutation(changes).build());
  }

  private void requireStarted() {
    if (endpoint == null) {
      throw new IllegalStateException("S3ProxyServer is not started (register it with @RegisterExtension on a static field)");
    }
  }
}
