package io.github.c4gh.examples;

import io.github.c4gh.allas.AllasConfig;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An in-process S3 server (S3Proxy with an in-memory store) on a random loopback port, with SigV4
 * authentication and one random identity. It implements buckets, objects, ranged GETs, multipart
 * uploads and canned ACLs, but answers 501 to bucket policies and lifecycle rules, and it knows only
 * one identity: the examples report the sharing steps as skipped when they run here.
 *
 * <pre>{@code
 * try (EmbeddedS3 s3 = EmbeddedS3.start(); AllasClient allas = AllasClient.create(s3.config())) {
 *   allas.createBucket("demo");
 * }
 * }</pre>
 */
public final class EmbeddedS3 implements AutoCloseable {
  private final S3Proxy proxy;
  private final BlobStore store;
  private final URI endpoint;
  private final String accessKey;
  private final String secretKey;

  private EmbeddedS3(S3Proxy proxy, BlobStore store, String accessKey, String secretKey) {
    this.proxy = proxy;
    this.store = store;
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /**
   * Starts a server and waits until it accepts requests.
   *
   * @return the running server; close it to stop it and drop its data
   * @throws Exception if it does not start within 30 s
   */
  public static EmbeddedS3 start() throws Exception {
    SecureRandom random = new SecureRandom();
    byte[] a = new byte[8];
    byte[] s = new byte[20];
    random.nextBytes(a);
    random.nextBytes(s);
    String accessKey = "AKIA" + HexFormat.of().formatHex(a).toUpperCase(java.util.Locale.ROOT);
    String secretKey = HexFormat.of().formatHex(s);
    BlobStore store = new TransientNio2BlobStore();
    S3Proxy p =
        S3Proxy.builder()
            .blobStore(store)
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
    return new EmbeddedS3(p, store, accessKey, secretKey);
  }

  /**
   * The server's base URI.
   *
   * @return {@code http://127.0.0.1:<port>}
   */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * A client configuration for this server that reads nothing from the environment or home directory.
   *
   * @return the configuration
   */
  public AllasConfig config() {
    return AllasConfig.builder()
        .endpoint(endpoint)
        .credentials(accessKey, secretKey)
        .environment(Map.of())
        .homeDirectory(Path.of("/nonexistent-home-for-examples"))
        .awsDefaultCredentialsChain(false)
        .build();
  }

  /** Stops the server and drops its data. */
  @Override
  public void close() {
    try {
      try {
        proxy.stop();
      } finally {
        store.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping S3Proxy", e);
    } catch (Exception e) {
      throw new IllegalStateException("could not stop S3Proxy: " + e.getMessage(), e);
    }
  }
}
