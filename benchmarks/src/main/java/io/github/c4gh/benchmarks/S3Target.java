package io.github.c4gh.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 server of the transfer benchmarks, with one SDK client and one scratch bucket.
 *
 * <p>By default an in-process S3Proxy (transient in-memory blob store, SigV4, random credentials)
 * on 127.0.0.1 and a random port. When the system property {@code c4gh.it.endpoint} or the
 * environment variable {@code C4GH_IT_ENDPOINT} is set (as {@code scripts/ceph-rgw-start.sh}'s
 * {@code rgw.env} does), that server is used instead, with the credentials in {@code
 * c4gh.it.owner.access.key} / {@code C4GH_IT_OWNER_ACCESS_KEY} and {@code
 * c4gh.it.owner.secret.key} / {@code C4GH_IT_OWNER_SECRET_KEY}: for example Ceph RGW.
 *
 * <p>The client is configured as {@code AllasClient} configures its own (path-style, us-east-1,
 * checksums only when required, static credentials, Apache 5 HTTP client) and counts every HTTP
 * attempt and the response body bytes announced by {@code Content-Length}.
 */
final class S3Target implements AutoCloseable {
  static {
    // S3Proxy and Jetty log through SLF4J (slf4j-simple here): warnings only
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
  }

  private final S3Proxy proxy;
  private final BlobStore blobStore;
  final URI endpoint;
  final S3Client s3;
  final String bucket;
  final AtomicLong requests = new AtomicLong();
  final AtomicLong receivedBytes = new AtomicLong();
  final AtomicLong sentBytes = new AtomicLong();

  private S3Target(S3Proxy proxy, BlobStore blobStore, URI endpoint, String accessKey, String secretKey, int connections) {
    this.proxy = proxy;
    this.blobStore = blobStore;
    this.endpoint = endpoint;
    ExecutionInterceptor counter = new ExecutionInterceptor() {
      @Override
      public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        requests.incrementAndGet();
        sentBytes.addAndGet(context.httpRequest().firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(0L));
      }

      @Override
      public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        if (!"HEAD".equals(context.httpRequest().method().name())) {
          receivedBytes.addAndGet(context.httpResponse().firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(0L));
        }
      }
    };
    this.s3 = S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClientBuilder(Apache5HttpClient.builder()
            .maxConnections(connections)
            .socketTimeout(Duration.ofSeconds(120))
            .connectionTimeout(Duration.ofSeconds(5)))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(3).build())
            .addExecutionInterceptor(counter))
        .build();
    this.bucket = "c4gh-bench-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(bucket));
  }

  /** Starts S3Proxy, or connects to the configured endpoint, and creates a scratch bucket. */
  static S3Target start(int connections) throws Exception {
    String endpoint = setting("c4gh.it.endpoint", "C4GH_IT_ENDPOINT");
    if (endpoint != null && !endpoint.isBlank()) {
      String access = setting("c4gh.it.owner.access.key", "C4GH_IT_OWNER_ACCESS_KEY");
      String secret = setting("c4gh.it.owner.secret.key", "C4GH_IT_OWNER_SECRET_KEY");
      if (access == null || secret == null) {
        throw new IllegalStateException("C4GH_IT_ENDPOINT is set but C4GH_IT_OWNER_ACCESS_KEY / C4GH_IT_OWNER_SECRET_KEY are not");
      }
      return new S3Target(null, null, URI.create(endpoint), access, secret, connections);
    }
    String accessKey = "AKIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    String secretKey = UUID.randomUUID().toString() + UUID.randomUUID();
    BlobStore store = new TransientNio2BlobStore();
    S3Proxy p = startProxy(store, URI.create("http://127.0.0.1:0"), accessKey, secretKey);
    return new S3Target(p, store, URI.create("http://127.0.0.1:" + p.getPort()), accessKey, secretKey, connections);
  }

  /**
   * Starts S3Proxy over {@code store} at {@code endpoint} (port 0: any free port), with SigV4
   * credentials, and waits until it serves.
   */
  static S3Proxy startProxy(BlobStore store, URI endpoint, String accessKey, String secretKey) throws Exception {
    S3Proxy p = S3Proxy.builder()
        .blobStore(store)
        .endpoint(endpoint)
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
    return p;
  }

  /** "S3Proxy" or the external endpoint. */
  String describe() {
    return proxy != null ? "S3Proxy (in-process, transient) at " + endpoint : endpoint.toString();
  }

  private static String setting(String property, String env) {
    String v = System.getProperty(property);
    return v != null ? v : System.getenv(env);
  }

  void delete(String key) {
    s3.deleteObject(b -> b.bucket(bucket).key(key));
  }

  /** Deletes the scratch bucket (and what is left in it), closes the client, stops S3Proxy. */
  @Override
  public void close() throws Exception {
    try {
      try {
        s3.listMultipartUploadsPaginator(b -> b.bucket(bucket)).uploads()
            .forEach(u -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId())));
      } catch (RuntimeException e) {
        // not every server lists uploads; the bucket delete below reports what matters
      }
      ListObjectsV2Response list;
      do {
        list = s3.listObjectsV2(b -> b.bucket(bucket));
        for (S3Object o : list.contents()) {
          delete(o.key());
        }
      } while (Boolean.TRUE.equals(list.isTruncated()));
      s3.deleteBucket(b -> b.bucket(bucket));
    } finally {
      s3.close();
      if (proxy != null) {
        try {
          proxy.stop();
        } finally {
          blobStore.close();
        }
      }
    }
  }
}
