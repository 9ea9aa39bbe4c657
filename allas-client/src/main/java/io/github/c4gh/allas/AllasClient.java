package io.github.c4gh.allas;

import io.github.c4gh.allas.internal.BucketPolicy;
import io.github.c4gh.allas.internal.Discovery;
import io.github.c4gh.allas.internal.Errors;
import io.github.c4gh.allas.internal.Errors.Context;
import io.github.c4gh.allas.internal.Names;
import io.github.c4gh.allas.internal.ObjectListing;
import io.github.c4gh.allas.internal.ReadTracker;
import io.github.c4gh.allas.internal.S3ClientFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortIncompleteMultipartUpload;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * A client for CSC Allas (Ceph RGW) over S3: buckets, objects, overwrite-safe writes, public and
 * private objects, and sharing buckets between projects with bucket policies.
 *
 * <p>An {@code AllasClient} is thread-safe and meant to be shared: create one per set of
 * credentials and reuse it (it holds a connection pool); close it when done. The AWS SDK {@link
 * S3Client} it wraps is available from {@link #s3()} for anything not covered here (multipart
 * uploads, for instance); it is configured for Allas (path style, {@code WHEN_REQUIRED} checksums,
 * timeouts, retries) and closed with this client.
 *
 * <pre>{@code
 * // Endpoint and keys from the environment or the files `allas-conf` wrote:
 * try (AllasClient allas = AllasClient.create()) {
 *   allas.createBucket("my-project-results");
 *   allas.putObject("my-project-results", "run1/summary.txt.c4gh", encryptedBytes);
 *   try (InputStream in = allas.getObject("my-project-results", "run1/summary.txt.c4gh")) {
 *     in.transferTo(out);
 *   }
 *   allas.listObjects("my-project-results", "run1/").forEach(o -> System.out.println(o.key()));
 *
 *   // Let another project upload into a new bucket, then lock it out again:
 *   allas.makeSharedBucket("my-inbox-2024", producerProjectId, publicKeyFileBytes);
 *   allas.revoke("my-inbox-2024", producerProjectId);
 * }
 * }</pre>
 *
 * <p>Errors are unchecked {@link AllasException}s (see there why); local file and stream failures
 * during uploads are {@link IOException}s. Names: new buckets are validated ({@link
 * #createBucket}); other calls accept any existing name, including RGW's {@code <tenant>:<bucket>}
 * form that a project uses to reach a bucket another project shared with it on a tenanted RGW.
 * Project ids are the 32-hex Keystone ids; project names are refused ({@link
 * InvalidProjectIdException}).
 */
public final class AllasClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AllasClient.class);

  /** The object {@link #makeSharedBucket} puts the recipient's public key into. */
  public static final String PUBLIC_KEY_OBJECT = "crypt4gh.pub";

  /** The suffix of the companion bucket that sharing changes are mirrored on when it exists. */
  public static final String SEGMENTS_SUFFIX = "_segments";

  /** Days after which {@link #makeSharedBucket} has incomplete multipart uploads aborted. */
  public static final int DEFAULT_ABORT_INCOMPLETE_UPLOADS_DAYS = 7;

  /** The id of the lifecycle rule this client writes. */
  public static final String ABORT_INCOMPLETE_UPLOADS_RULE_ID = "c4gh-abort-incomplete-multipart-uploads";

  /** The largest object a single PUT may carry (5 GiB); larger objects need a multipart upload. */
  public static final long MAX_SINGLE_PUT_BYTES = 5L * 1024 * 1024 * 1024;

  private final AllasConfig config;
  private final URI endpoint;
  private final String endpointSource;
  private final String credentialsSource;
  private final S3Client s3;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile String projectId;

  private AllasClient(AllasConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    Discovery.Resolved r = Discovery.resolve(config);
    this.endpoint = r.endpoint();
    this.endpointSource = r.endpointSource();
    this.credentialsSource = r.credentialsSource();
    this.s3 = S3ClientFactory.create(config, r.endpoint(), r.credentials());
    LOG.debug("Allas client for {} (endpoint from {}, credentials from {})", endpoint, endpointSource, credentialsSource);
  }

  /**
   * A client with every setting discovered (see {@link AllasConfig}).
   *
   * @return a new client; close it when done
   * @throws MissingCredentialsException if no credentials were found
   */
  public static AllasClient create() {
    return new AllasClient(AllasConfig.defaults());
  }

  /**
   * A client for a configuration; whatever it leaves unset is discovered.
   *
   * @param config the configuration
   * @return a new client; close it when done
   * @throws MissingCredentialsException if no credentials were found
   */
  public static AllasClient create(AllasConfig config) {
    return new AllasClient(config);
  }

  /**
   * A client for a configuration built in place.
   *
   * @param config changes applied to {@link AllasConfig#builder()}
   * @return a new client; close it when done
   * @throws MissingCredentialsException if no credentials were found
   */
  public static AllasClient create(Consumer<AllasConfig.Builder> config) {
    return new AllasClient(AllasConfig.builder().applyMutation(config).build());
  }

  /**
   * The SDK client this client wraps, configured for Allas. Do not close it: {@link #close()} does.
   *
   * @return the shared, thread-safe S3 client
   */
  public S3Client s3() {
    return s3;
  }

  /**
   * The configuration this client was created from (before discovery).
   *
   * @return the configuration
   */
  public AllasConfig config() {
    return config;
  }

  /**
   * The endpoint in use, after discovery.
   *
   * @return for example {@code https://a3s.fi}
   */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * Where the credentials in use were found, without revealing them.
   *
   * @return for example {@code environment AWS_ACCESS_KEY_ID} or {@code /home/u/.aws/credentials
   *     [default]}
   */
  public String credentialsSource() {
    return credentialsSource;
  }

  /** Closes the underlying S3 client and its connection pool. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      s3.close();
    }
  }

  @Override
  public String toString() {
    return "AllasClient{endpoint=" + endpoint + " (" + endpointSource + "), credentials from " + credentialsSource + "}";
  }

  // ---------------------------------------------------------------------------------------------
  // identity

  /**
   * The project id of these credentials: the owner id that ListBuckets reports, and on a tenanted
   * RGW (where it reads {@code <tenant>$<uid>}) its tenant part. On Allas this is the 32-hex
   * project id that other projects name when they share buckets with this one. Cached after the
   * first call.
   *
   * @return the project id
   */
  public String projectId() {
    String id = projectId;
    if (id == null) {
      ListBucketsResponse r = call("ListBuckets", Context.OTHER, () -> s3.listBuckets());
      if (r.owner() == null || r.owner().id() == null || r.owner().id().isEmpty()) {
        throw new AllasException("ListBuckets returned no owner id: cannot tell the project id of these credentials", null);
      }
      String owner = r.owner().id();
      int dollar = owner.indexOf('$');
      id = dollar >= 0 ? owner.substring(0, dollar) : owner;
      projectId = id;
    }
    return id;
  }

  // ---------------------------------------------------------------------------------------------
  // buckets

  /**
   * Creates a bucket, or does nothing if this project already owns it.
   *
   * @param bucket a valid new bucket name: 3-63 characters of lower-case letters, digits, {@code -}
   *     and {@code .}; names are global across Allas and public, so they must not reveal anything
   *     sensitive
   * @return {@code true} if it was created, {@code false} if it already was this project's
   * @throws InvalidBucketNameException if the name is not valid
   * @throws BucketAlreadyExistsException if another project has it
   */
  public boolean createBucket(String bucket) {
    Names.newBucketName(bucket);
    try {
      if (bucketExists(bucket)) {
        return false;
      }
    } catch (AccessDeniedException e) {
      throw new BucketAlreadyExistsException(
          "bucket " + bucket + " exists and belongs to another project. Bucket names are global across Allas: choose another name.",
          e, e.statusCode(), e.errorCode());
    }
    try {
      s3.createBucket(b -> b.bucket(bucket));
      LOG.info("created bucket {}", bucket);
      return true;
    } catch (SdkException e) {
      if (e instanceof AwsServiceException se
          && se.awsErrorDetails() != null
          && "BucketAlreadyOwnedByYou".equals(se.awsErrorDetails().errorCode())) {
        return false;
      }
      throw Errors.translate(e, "CreateBucket " + bucket, Context.BUCKET);
    }
  }

  /**
   * Whether a bucket exists and is reachable with these credentials.
   *
   * @param bucket the bucket
   * @return {@code true} if HEAD succeeds, {@code false} if it answers 404
   * @throws AccessDeniedException if it exists but these credentials may not see it
   */
  public boolean bucketExists(String bucket) {
    Names.existingBucketName(bucket);
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return true;
    } catch (SdkException e) {
      AllasException t = Errors.translate(e, "HeadBucket " + bucket, Context.BUCKET);
      if (t instanceof NoSuchBucketException) {
        return false;
      }
      if (t instanceof AccessDeniedException) {
        throw new AccessDeniedException(
            "bucket " + bucket + " exists but these credentials may not access it (HTTP 403)", e, t.statusCode(), t.errorCode());
      }
      throw t;
    }
  }

  /**
   * The buckets of this project.
   *
   * @return an immutable list in the server's order
   */
  public List<BucketInfo> listBuckets() {
    ListBucketsResponse r = call("ListBuckets", Context.OTHER, () -> s3.listBuckets());
    List<BucketInfo> out = new ArrayList<>();
    r.buckets().forEach(b -> out.add(new BucketInfo(b.name(), b.creationDate())));
    return List.copyOf(out);
  }

  /**
   * Deletes an empty bucket.
   *
   * @param bucket the bucket
   * @throws BucketNotEmptyException if it holds objects or in-flight multipart uploads
   * @throws NoSuchBucketException if it does not exist
   */
  public void deleteBucket(String bucket) {
    Names.existingBucketName(bucket);
    boolean hasObjects =
        !call("ListObjectsV2 " + bucket, Context.BUCKET, () -> s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(1))).contents().isEmpty();
    boolean hasUploads =
        !call("ListMultipartUploads " + bucket, Context.BUCKET, () -> s3.listMultipartUploads(b -> b.bucket(bucket).maxUploads(1)))
            .uploads()
            .isEmpty();
    if (hasObjects || hasUploads) {
      throw new BucketNotEmptyException(
          "bucket "
              + bucket
              + " is not empty (it holds "
              + (hasObjects ? "objects" : "")
              + (hasObjects && hasUploads ? " and " : "")
              + (hasUploads ? "in-flight multipart uploads" : "")
              + "); delete them first or use deleteBucketAndAllObjects",
          null);
    }
    call("DeleteBucket " + bucket, Context.BUCKET, () -> s3.deleteBucket(b -> b.bucket(bucket)));
    LOG.info("deleted bucket {}", bucket);
  }

  /**
   * Deletes a bucket with everything in it: aborts its in-flight multipart uploads, deletes every
   * object (every version, if versioning was ever on) and then the bucket. Allas keeps no backups:
   * this is final.
   *
   * @param bucket the bucket
   * @return the number of objects (or object versions) deleted
   * @throws NoSuchBucketException if it does not exist
   */
  public long deleteBucketAndAllObjects(String bucket) {
    Names.existingBucketName(bucket);
    int aborted = abortAllUploads(bucket);
    long deleted = 0;
    boolean versioned = false;
    try {
      BucketVersioningStatus st = s3.getBucketVersioning(b -> b.bucket(bucket)).status();
      versioned = st != null && st != BucketVersioningStatus.UNKNOWN_TO_SDK_VERSION;
    } catch (SdkException e) {
      AllasException t = Errors.translate(e, "GetBucketVersioning " + bucket, Context.BUCKET);
      if (t instanceof NoSuchBucketException) {
        throw t;
      }
      LOG.debug("GetBucketVersioning {} failed, deleting current objects only: {}", bucket, t.getMessage());
    }
    if (versioned) {
      while (true) {
        ListObjectVersionsResponse page =
            call("ListObjectVersions " + bucket, Context.BUCKET, () -> s3.listObjectVersions(b -> b.bucket(bucket).maxKeys(1000)));
        List<ObjectIdentifier> ids = new ArrayList<>();
        page.versions().forEach(v -> ids.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
        page.deleteMarkers().forEach(v -> ids.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
        if (ids.isEmpty()) {
          break;
        }
        deleteBatch(bucket, ids);
        deleted += ids.size();
      }
    }
    List<ObjectIdentifier> previous = List.of();
    while (true) {
      List<ObjectIdentifier> ids = new ArrayList<>();
      call("ListObjectsV2 " + bucket, Context.BUCKET, () -> s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(1000)))
          .contents()
          .forEach(o -> ids.add(ObjectIdentifier.builder().key(o.key()).build()));
      if (ids.isEmpty()) {
        break;
      }
      if (ids.equals(previous)) {
        throw new AllasException("DeleteObjects " + bucket + " reported success but the objects are still listed", null);
      }
      deleteBatch(bucket, ids);
      deleted += ids.size();
      previous = ids;
    }
    call("DeleteBucket " + bucket, Context.BUCKET, () -> s3.deleteBucket(b -> b.bucket(bucket)));
    LOG.info("deleted bucket {} with {} objects and {} aborted uploads", bucket, deleted, aborted);
    return deleted;
  }

  private void deleteBatch(String bucket, List<ObjectIdentifier> ids) {
    DeleteObjectsResponse r =
        call(
            "DeleteObjects " + bucket,
            Context.BUCKET,
            () -> s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(ids).quiet(true).build())));
    if (!r.errors().isEmpty()) {
      S3Error first = r.errors().get(0);
      throw new AllasException(
          "DeleteObjects " + bucket + ": " + r.errors().size() + " of " + ids.size() + " objects not deleted, first " + first.key()
              + ": " + first.code() + " " + first.message(),
          null,
          0,
          first.code());
    }
  }

  /**
   * Sets a bucket's canned ACL ({@link CannedAcl#PRIVATE} or {@link CannedAcl#PUBLIC_READ}: anyone
   * may list it).
   *
   * @param bucket the bucket
   * @param acl the ACL
   */
  public void setBucketAcl(String bucket, CannedAcl acl) {
    Names.existingBucketName(bucket);
    if (acl == CannedAcl.BUCKET_OWNER_FULL_CONTROL) {
      throw new IllegalArgumentException("bucket-owner-full-control applies to objects only");
    }
    call("PutBucketAcl " + bucket, Context.BUCKET, () -> s3.putBucketAcl(b -> b.bucket(bucket).acl(acl.headerValue())));
  }

  /**
   * Adds (or replaces) a lifecycle rule that aborts multipart uploads left incomplete for some
   * days, so abandoned parts stop counting against the quota. Other rules are kept.
   *
   * @param bucket the bucket
   * @param days days after an upload started, 1 or more
   * @throws NotSupportedByServerException if the server does not implement lifecycle rules
   */
  public void setAbortIncompleteUploadsRule(String bucket, int days) {
    Names.existingBucketName(bucket);
    if (days < 1) {
      throw new IllegalArgumentException("days must be >= 1");
    }
    List<LifecycleRule> rules = new ArrayList<>();
    try {
      s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules().stream()
          .filter(r -> !ABORT_INCOMPLETE_UPLOADS_RULE_ID.equals(r.id()))
          .forEach(rules::add);
    } catch (SdkException e) {
      AllasException t = Errors.translate(e, "GetBucketLifecycleConfiguration " + bucket, Context.BUCKET);
      if (!"NoSuchLifecycleConfiguration".equals(t.errorCode())) {
        throw t;
      }
    }
    rules.add(
        LifecycleRule.builder()
            .id(ABORT_INCOMPLETE_UPLOADS_RULE_ID)
            .status(ExpirationStatus.ENABLED)
            .filter(LifecycleRuleFilter.builder().prefix("").build())
            .abortIncompleteMultipartUpload(AbortIncompleteMultipartUpload.builder().daysAfterInitiation(days).build())
            .build());
    call(
        "PutBucketLifecycleConfiguration " + bucket,
        Context.BUCKET,
        () ->
            s3.putBucketLifecycleConfiguration(
                b -> b.bucket(bucket).lifecycleConfiguration(BucketLifecycleConfiguration.builder().rules(rules).build())));
  }

  // ---------------------------------------------------------------------------------------------
  // objects

  /**
   * Uploads bytes in one PUT, refusing to overwrite.
   *
   * @param bucket the bucket
   * @param key the object key
   * @param data the content (at most 5 GiB)
   * @return the new object's ETag, without quotes
   * @throws ObjectExistsException if the key exists
   */
  public String putObject(String bucket, String key, byte[] data) {
    return putObject(bucket, key, data, PutOptions.defaults());
  }

  /**
   * Uploads bytes in one PUT.
   *
   * @param bucket the bucket
   * @param key the object key
   * @param data the content (at most 5 GiB)
   * @param options overwrite, ACL, content type, metadata
   * @return the new object's ETag, without quotes
   * @throws ObjectExistsException if the key exists and overwriting was not asked for
   */
  public String putObject(String bucket, String key, byte[] data, PutOptions options) {
    Objects.requireNonNull(data, "data");
    PutObjectRequest.Builder req = putRequest(bucket, key, data.length, options);
    if (options.contentMd5()) {
      MessageDigest md = md5();
      md.update(data);
      req.contentMD5(Base64.getEncoder().encodeToString(md.digest()));
    }
    try {
      return doPut(bucket, key, req.build(), RequestBody.fromBytes(data), options, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen: no caller stream to fail
    }
  }

  /**
   * Uploads a file in one PUT.
   *
   * @param bucket the bucket
   * @param key the object key
   * @param file a regular file of at most 5 GiB
   * @param options overwrite, ACL, content type, metadata
   * @return the new object's ETag, without quotes
   * @throws IOException if the file cannot be read
   * @throws ObjectExistsException if the key exists and overwriting was not asked for
   */
  public String putObject(String bucket, String key, Path file, PutOptions options) throws IOException {
    Objects.requireNonNull(file, "file");
    long size = Files.size(file);
    PutObjectRequest.Builder req = putRequest(bucket, key, size, options);
    if (options.contentMd5()) {
      MessageDigest md = md5();
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      }
      req.contentMD5(Base64.getEncoder().encodeToString(md.digest()));
    }
    ReadTracker tracker = new ReadTracker();
    RequestBody body =
        RequestBody.fromContentProvider(
            () -> {
              try {
                return tracker.wrap(Files.newInputStream(file));
              } catch (IOException e) {
                tracker.failed(e);
                throw new UncheckedIOException(e);
              }
            },
            size,
            options.contentType().orElse("application/octet-stream"));
    return doPut(bucket, key, req.build(), body, options, tracker);
  }

  /**
   * Uploads a stream of known length in one PUT. No {@code Content-MD5} is sent (the stream can
   * be read only once); retries can replay at most the first 128 KiB.
   *
   * @param bucket the bucket
   * @param key the object key
   * @param in the content; read to {@code length} bytes, not closed
   * @param length the exact number of bytes, at most 5 GiB
   * @param options overwrite, ACL, content type, metadata
   * @return the new object's ETag, without quotes
   * @throws IOException if reading the stream fails
   * @throws ObjectExistsException if the key exists and overwriting was not asked for
   */
  public String putObject(String bucket, String key, InputStream in, long length, PutOptions options) throws IOException {
    Objects.requireNonNull(in, "in");
    PutObjectRequest.Builder req = putRequest(bucket, key, length, options);
    ReadTracker tracker = new ReadTracker();
    return doPut(bucket, key, req.build(), RequestBody.fromInputStream(tracker.wrap(in), length), options, tracker);
  }

  private PutObjectRequest.Builder putRequest(String bucket, String key, long length, PutOptions options) {
    Names.existingBucketName(bucket);
    Names.key(key);
    Objects.requireNonNull(options, "options");
    if (length < 0 || length > MAX_SINGLE_PUT_BYTES) {
      throw new IllegalArgumentException(
          "a single PUT carries 0 to 5 GiB, not " + length + " bytes; use a multipart upload for larger objects");
    }
    PutObjectRequest.Builder req =
        PutObjectRequest.builder()
            .bucket(bucket)
            .key(key)
            .contentLength(length)
            .contentType(options.contentType().orElse("application/octet-stream"));
    if (!options.overwrite()) {
      req.ifNoneMatch("*");
    }
    options.cannedAcl().ifPresent(a -> req.acl(a.headerValue()));
    if (!options.metadata().isEmpty()) {
      req.metadata(options.metadata());
    }
    return req;
  }

  private String doPut(String bucket, String key, PutObjectRequest req, RequestBody body, PutOptions options, ReadTracker tracker)
      throws IOException {
    try {
      String eTag = Errors.unquote(s3.putObject(req, body).eTag());
      LOG.debug("put {}/{} ({} bytes)", bucket, key, req.contentLength());
      return eTag;
    } catch (RuntimeException e) {
      // The SDK reports a failure of the caller's stream or file as an SdkClientException, or, when
      // it then cannot replay the body, as an IllegalStateException: the local cause is what counts.
      if (tracker != null && tracker.failure() != null) {
        throw tracker.failure();
      }
      if (e instanceof SdkException se) {
        throw Errors.translate(se, "PUT " + bucket + "/" + key, options.overwrite() ? Context.BUCKET : Context.CONDITIONAL_WRITE);
      }
      throw e;
    }
  }

  /**
   * Opens an object's content. The stream holds an HTTP connection: read it to the end or close
   * it promptly.
   *
   * @param bucket the bucket
   * @param key the object key
   * @return the content, with the response headers in {@link ResponseInputStream#response()}
   * @throws NoSuchObjectException if there is no such object
   */
  public ResponseInputStream<GetObjectResponse> getObject(String bucket, String key) {
    Names.existingBucketName(bucket);
    Names.key(key);
    return call("GET " + bucket + "/" + key, Context.OBJECT, () -> s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build()));
  }

  /**
   * Opens a byte range of an object (one ranged GET). Near the end the range is cut short at the
   * object's size.
   *
   * @param bucket the bucket
   * @param key the object key
   * @param offset the first byte, 0 or more (less than the object size)
   * @param length how many bytes, 1 or more
   * @return the bytes {@code offset} to {@code offset + length - 1}
   * @throws NoSuchObjectException if there is no such object
   */
  public ResponseInputStream<GetObjectResponse> getObjectRange(String bucket, String key, long offset, long length) {
    Names.existingBucketName(bucket);
    Names.key(key);
    if (offset < 0 || length < 1) {
      throw new IllegalArgumentException("need offset >= 0 and length >= 1, got " + offset + ", " + length);
    }
    long last = length > Long.MAX_VALUE - offset ? Long.MAX_VALUE - 1 : offset + length - 1;
    String range = "bytes=" + offset + "-" + last;
    return call(
        "GET " + bucket + "/" + key + " " + range,
        Context.OBJECT,
        () -> s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).range(range).build()));
  }

  /**
   * Reads a whole (small) object into memory.
   *
   * @param bucket the bucket
   * @param key the object key
   * @return the content
   * @throws NoSuchObjectException if there is no such object
   */
  public byte[] getObjectBytes(String bucket, String key) {
    Names.existingBucketName(bucket);
    Names.key(key);
    return call("GET " + bucket + "/" + key, Context.OBJECT, () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key))).asByteArray();
  }

  /**
   * An object's metadata (HEAD).
   *
   * @param bucket the bucket
   * @param key the object key
   * @return size, ETag (right also for multipart uploads), dates, type, user metadata
   * @throws NoSuchObjectException if there is no such object
   */
  public ObjectInfo headObject(String bucket, String key) {
    Names.existingBucketName(bucket);
    Names.key(key);
    HeadObjectResponse r = call("HEAD " + bucket + "/" + key, Context.OBJECT, () -> s3.headObject(b -> b.bucket(bucket).key(key)));
    return new ObjectInfo(
        bucket, key, r.contentLength() == null ? 0 : r.contentLength(), Errors.unquote(r.eTag()), r.lastModified(), r.contentType(), r.metadata());
  }

  /**
   * Whether an object exists (HEAD).
   *
   * @param bucket the bucket
   * @param key the object key
   * @return {@code true} if it does
   */
  public boolean objectExists(String bucket, String key) {
    try {
      headObject(bucket, key);
      return true;
    } catch (NoSuchObjectException e) {
      return false;
    }
  }

  /**
   * Lists a bucket lazily: pages are requested as the stream is consumed.
   *
   * @param bucket the bucket
   * @param options prefix, delimiter, page size
   * @return objects and (with a delimiter) common prefixes in key order; a failing page request
   *     throws an {@link AllasException} from the stream operation that needed it
   */
  public Stream<ListEntry> list(String bucket, ListOptions options) {
    Names.existingBucketName(bucket);
    Objects.requireNonNull(options, "options");
    return ObjectListing.stream(s3, bucket, options);
  }

  /**
   * Lists every object under a prefix (no delimiter), lazily in pages of 1000.
   *
   * @param bucket the bucket
   * @param prefix the key prefix, or {@code null} or empty for all
   * @return the objects in key order
   */
  public Stream<ObjectSummary> listObjects(String bucket, String prefix) {
    return list(bucket, ListOptions.prefix(prefix)).map(ObjectSummary.class::cast);
  }

  /**
   * Deletes an object. Deleting a key that does not exist succeeds (S3 semantics). Final on
   * Allas: there are no versions or backups.
   *
   * @param bucket the bucket
   * @param key the object key
   */
  public void deleteObject(String bucket, String key) {
    Names.existingBucketName(bucket);
    Names.key(key);
    call("DELETE " + bucket + "/" + key, Context.BUCKET, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
  }

  /**
   * Copies an object on the server (one CopyObject, so at most 5 GiB). Without {@code
   * options.overwrite()} an existing destination is refused after a HEAD check, which is racy:
   * S3 has no conditional copy. A content type or metadata in the options replaces the source's;
   * otherwise they are copied.
   *
   * @param sourceBucket the source bucket
   * @param sourceKey the source key
   * @param bucket the destination bucket
   * @param key the destination key
   * @param options overwrite, ACL, content type, metadata
   * @return the new object's ETag, without quotes
   * @throws ObjectExistsException if the destination exists and overwriting was not asked for
   * @throws NoSuchObjectException if the source does not exist
   */
  public String copyObject(String sourceBucket, String sourceKey, String bucket, String key, PutOptions options) {
    Names.existingBucketName(sourceBucket);
    Names.key(sourceKey);
    Names.existingBucketName(bucket);
    Names.key(key);
    Objects.requireNonNull(options, "options");
    if (!options.overwrite() && objectExists(bucket, key)) {
      throw new ObjectExistsException("copy to " + bucket + "/" + key + ": the object exists and overwriting was not asked for", null);
    }
    CopyObjectRequest.Builder req =
        CopyObjectRequest.builder().sourceBucket(sourceBucket).sourceKey(sourceKey).destinationBucket(bucket).destinationKey(key);
    options.cannedAcl().ifPresent(a -> req.acl(a.headerValue()));
    if (options.contentType().isPresent() || !options.metadata().isEmpty()) {
      req.metadataDirective(MetadataDirective.REPLACE);
      req.contentType(options.contentType().orElse("application/octet-stream"));
      req.metadata(options.metadata());
    }
    return Errors.unquote(
        call("COPY " + sourceBucket + "/" + sourceKey + " to " + bucket + "/" + key, Context.OBJECT, () -> s3.copyObject(req.build()))
            .copyObjectResult()
            .eTag());
  }

  /**
   * Sets an object's canned ACL: {@link CannedAcl#PUBLIC_READ} publishes it at {@link
   * #publicUrl(String, String)} (CSC's {@code a-publish}), {@link CannedAcl#PRIVATE} withdraws it.
   *
   * @param bucket the bucket
   * @param key the object key
   * @param acl the ACL
   */
  public void setObjectAcl(String bucket, String key, CannedAcl acl) {
    Names.existingBucketName(bucket);
    Names.key(key);
    Objects.requireNonNull(acl, "acl");
    call("PutObjectAcl " + bucket + "/" + key, Context.OBJECT, () -> s3.putObjectAcl(b -> b.bucket(bucket).key(key).acl(acl.headerValue())));
  }

  /**
   * The URL at which an object is readable without credentials once it is {@linkplain
   * CannedAcl#PUBLIC_READ public}: {@code <endpoint>/<bucket>/<key>} with the key percent-encoded
   * ({@code /} kept). On Allas: {@code https://a3s.fi/<bucket>/<key>}. No request is made.
   *
   * @param bucket the bucket
   * @param key the object key
   * @return the URL
   */
  public URI publicUrl(String bucket, String key) {
    Names.existingBucketName(bucket);
    Names.key(key);
    return URI.create(endpoint + "/" + Names.encodeSegment(bucket) + "/" + Names.encodeKey(key));
  }

  // ---------------------------------------------------------------------------------------------
  // sharing

  /**
   * Lets another project into a bucket, as CSC's web interface does: read-modify-write of the
   * bucket policy, with the owner's own {@code s3:*} statement first (without it the owner cannot
   * read what the other project uploads) and a statement for {@code
   * arn:aws:iam::<projectId>:root} with the actions of {@code access}. The project's previous
   * access, and any Deny a lock-out {@link #revoke} left, are replaced. The change is mirrored on
   * {@code <bucket>_segments} when that bucket exists.
   *
   * <p>The policy is read, changed and written back; S3 has no conditional policy write, so two
   * sharing changes to one bucket at the same time can lose one of them: make them from one place.
   *
   * <p>The other project reaches the bucket by its name on Allas (on a tenanted RGW as {@code
   * <owner-project-id>:<bucket>}) and should upload with {@link
   * CannedAcl#BUCKET_OWNER_FULL_CONTROL}.
   *
   * @param bucket the bucket, owned by this project
   * @param projectId the other project's 32-hex id (the Share ID in CSC's web interface)
   * @param access what it may do
   * @return the buckets whose policy changed
   * @throws InvalidProjectIdException for a project name such as {@code project_2000111}, or this
   *     project's own id
   */
  public SharingChange share(String bucket, String projectId, Access access) {
    Names.existingBucketName(bucket);
    String project = Names.projectId(projectId);
    Objects.requireNonNull(access, "access");
    String owner = requireOther(project);
    List<String> buckets = withSegments(bucket);
    for (String b : buckets) {
      BucketPolicy p = readPolicy(b).orElseGet(BucketPolicy::empty).withShare(b, owner, project, access);
      writePolicy(b, p);
    }
    LOG.info("shared {} with project {} ({})", buckets, project, access);
    return new SharingChange(buckets, 0);
  }

  /**
   * Locks a project out of a bucket: {@link #revoke(String, String, RevokeOptions)} with {@link
   * RevokeOptions#lockOut()}: its statements removed, an explicit Deny added and
   * <strong>every</strong> in-flight multipart upload in the bucket aborted (RGW cannot tell whose
   * they are).
   *
   * @param bucket the bucket, owned by this project
   * @param projectId the project's 32-hex id
   * @return the buckets whose policy changed and the number of uploads aborted
   */
  public SharingChange revoke(String bucket, String projectId) {
    return revoke(bucket, projectId, RevokeOptions.lockOut());
  }

  /**
   * Takes a project's access to a bucket away: removes it from every Allow statement of the
   * policy, adds an explicit Deny unless {@link RevokeOptions#keepReadOfOwnObjects()}, deletes
   * the policy when nothing but the owner statement is left, and then (if asked) aborts every
   * in-flight multipart upload in the bucket. Mirrored on {@code <bucket>_segments} when it
   * exists. See {@link RevokeOptions} for why each step is there.
   *
   * @param bucket the bucket, owned by this project
   * @param projectId the project's 32-hex id
   * @param options how far to go
   * @return the buckets whose policy changed and the number of uploads aborted
   */
  public SharingChange revoke(String bucket, String projectId, RevokeOptions options) {
    Names.existingBucketName(bucket);
    String project = Names.projectId(projectId);
    Objects.requireNonNull(options, "options");
    String owner = requireOther(project);
    List<String> buckets = withSegments(bucket);
    for (String b : buckets) {
      Optional<BucketPolicy> old = readPolicy(b);
      BucketPolicy p = old.orElseGet(BucketPolicy::empty).withoutProject(b, owner, project, !options.keepReadOfOwnObjects());
      if (p.hasOnlyOwnerStatements(owner)) {
        if (old.isPresent()) {
          call("DeleteBucketPolicy " + b, Context.BUCKET, () -> s3.deleteBucketPolicy(r -> r.bucket(b)));
        }
      } else {
        writePolicy(b, p);
      }
    }
    int aborted = 0;
    if (options.abortAllInFlightUploads()) {
      for (String b : buckets) {
        aborted += abortAllUploads(b);
      }
    }
    LOG.info("revoked project {} from {} ({}; {} in-flight uploads aborted)", project, buckets, options, aborted);
    return new SharingChange(buckets, aborted);
  }

  /**
   * The projects a bucket is shared with, read from its policy. Projects that a Deny locks out
   * and the owner itself are not listed.
   *
   * @param bucket the bucket, owned by this project
   * @return an immutable list, empty when there is no policy
   */
  public List<Share> shares(String bucket) {
    Names.existingBucketName(bucket);
    Optional<BucketPolicy> p = readPolicy(bucket);
    return p.isEmpty() ? List.of() : p.get().shares(projectId());
  }

  /**
   * The projects an explicit Deny locks out of a bucket (left by a lock-out {@link #revoke}).
   *
   * @param bucket the bucket, owned by this project
   * @return an immutable list of project ids, empty when there is no policy
   */
  public List<String> lockedOutProjects(String bucket) {
    Names.existingBucketName(bucket);
    return readPolicy(bucket).map(BucketPolicy::lockedOut).orElse(List.of());
  }

  /**
   * The bucket policy document as the server returns it.
   *
   * @param bucket the bucket
   * @return the JSON text, or empty when the bucket has no policy
   */
  public Optional<String> bucketPolicy(String bucket) {
    Names.existingBucketName(bucket);
    return readPolicyText(bucket);
  }

  /**
   * Makes a bucket another project can deliver encrypted data into, in one step (the seed
   * workflow's "make shared bucket"): creates the bucket (or reuses it if this project owns it),
   * shares it {@link Access#READ_WRITE} with the project, puts the recipient's Crypt4GH public key
   * into it as {@value #PUBLIC_KEY_OBJECT} for the producer to encrypt for, and adds a lifecycle
   * rule that aborts multipart uploads still incomplete after {@value
   * #DEFAULT_ABORT_INCOMPLETE_UPLOADS_DAYS} days.
   *
   * <p>If the server does not implement lifecycle rules (HTTP 501), that step is skipped, logged
   * as a warning and listed in {@link SharedBucket#skipped()}. A {@value #PUBLIC_KEY_OBJECT}
   * already in the bucket is kept if it has the same content and refused otherwise.
   *
   * @param bucket a valid new bucket name, or a bucket this project owns
   * @param projectId the producer's 32-hex project id
   * @param publicKeyFile the content of the public key file (for example a {@code
   *     -----BEGIN CRYPT4GH PUBLIC KEY-----} file) the producer should encrypt for
   * @return what was done and what was skipped
   * @throws InvalidProjectIdException for a project name (checked before anything is created)
   * @throws ObjectExistsException if the bucket holds a different {@value #PUBLIC_KEY_OBJECT}
   */
  public SharedBucket makeSharedBucket(String bucket, String projectId, byte[] publicKeyFile) {
    String project = Names.projectId(projectId);
    Names.newBucketName(bucket);
    Objects.requireNonNull(publicKeyFile, "publicKeyFile");
    if (publicKeyFile.length == 0) {
      throw new IllegalArgumentException("the public key file is empty");
    }
    requireOther(project);
    boolean created = createBucket(bucket);
    share(bucket, project, Access.READ_WRITE);
    try {
      putObject(bucket, PUBLIC_KEY_OBJECT, publicKeyFile, PutOptions.builder().contentType("text/plain").build());
    } catch (ObjectExistsException e) {
      byte[] existing = getObjectBytes(bucket, PUBLIC_KEY_OBJECT);
      if (!Arrays.equals(existing, publicKeyFile)) {
        throw new ObjectExistsException(
            bucket + "/" + PUBLIC_KEY_OBJECT + " exists with a different public key; delete it first to replace it", e);
      }
    }
    List<String> skipped = new ArrayList<>();
    try {
      setAbortIncompleteUploadsRule(bucket, DEFAULT_ABORT_INCOMPLETE_UPLOADS_DAYS);
    } catch (NotSupportedByServerException e) {
      String what =
          "lifecycle rule AbortIncompleteMultipartUpload after " + DEFAULT_ABORT_INCOMPLETE_UPLOADS_DAYS + " days: " + e.getMessage();
      LOG.warn("makeSharedBucket {}: skipped {}", bucket, what);
      skipped.add(what);
    }
    LOG.info("made shared bucket {} for project {} (created: {}, skipped: {})", bucket, project, created, skipped.size());
    return new SharedBucket(bucket, project, PUBLIC_KEY_OBJECT, created, skipped);
  }

  /**
   * {@link #makeSharedBucket(String, String, byte[])} with the public key file as text (UTF-8).
   *
   * @param bucket a valid new bucket name, or a bucket this project owns
   * @param projectId the producer's 32-hex project id
   * @param publicKeyFile the public key file's text
   * @return what was done and what was skipped
   */
  public SharedBucket makeSharedBucket(String bucket, String projectId, String publicKeyFile) {
    return makeSharedBucket(bucket, projectId, publicKeyFile.getBytes(StandardCharsets.UTF_8));
  }

  private String requireOther(String project) {
    String owner = projectId();
    if (owner.equals(project)) {
      throw new InvalidProjectIdException(
          project + " is this client's own project (the bucket owner); sharing with or revoking it makes no sense", null);
    }
    return owner;
  }

  private List<String> withSegments(String bucket) {
    List<String> out = new ArrayList<>();
    out.add(bucket);
    String segments = bucket + SEGMENTS_SUFFIX;
    boolean exists;
    try {
      exists = bucketExists(segments);
    } catch (AccessDeniedException e) {
      exists = false;
      LOG.warn("{} exists but is not this project's: sharing changes are not mirrored on it", segments);
    }
    if (exists) {
      out.add(segments);
    }
    return out;
  }

  private Optional<String> readPolicyText(String bucket) {
    try {
      return Optional.ofNullable(s3.getBucketPolicy(b -> b.bucket(bucket)).policy());
    } catch (SdkException e) {
      AllasException t = Errors.translate(e, "GetBucketPolicy " + bucket, Context.BUCKET);
      // AWS and RGW say NoSuchBucketPolicy; S3Proxy says NoSuchPolicy.
      if ("NoSuchBucketPolicy".equals(t.errorCode()) || "NoSuchPolicy".equals(t.errorCode())) {
        return Optional.empty();
      }
      throw t;
    }
  }

  private Optional<BucketPolicy> readPolicy(String bucket) {
    Optional<String> text = readPolicyText(bucket);
    if (text.isEmpty() || text.get().isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(BucketPolicy.parse(text.get()));
    } catch (IllegalArgumentException e) {
      throw new AllasException("the bucket policy of " + bucket + " cannot be read: " + e.getMessage(), e);
    }
  }

  private void writePolicy(String bucket, BucketPolicy policy) {
    String json = policy.toJson();
    call("PutBucketPolicy " + bucket, Context.BUCKET, () -> s3.putBucketPolicy(b -> b.bucket(bucket).policy(json)));
  }

  private int abortAllUploads(String bucket) {
    int n = 0;
    String keyMarker = null;
    String uploadIdMarker = null;
    while (true) {
      String km = keyMarker;
      String um = uploadIdMarker;
      ListMultipartUploadsResponse page =
          call(
              "ListMultipartUploads " + bucket,
              Context.BUCKET,
              () -> s3.listMultipartUploads(b -> b.bucket(bucket).keyMarker(km).uploadIdMarker(um)));
      for (MultipartUpload u : page.uploads()) {
        try {
          s3.abortMultipartUpload(b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId()));
          n++;
        } catch (SdkException e) {
          AllasException t = Errors.translate(e, "AbortMultipartUpload " + bucket + "/" + u.key(), Context.OBJECT);
          if (!"NoSuchUpload".equals(t.errorCode())) {
            throw t;
          }
        }
      }
      if (!Boolean.TRUE.equals(page.isTruncated()) || page.uploads().isEmpty()) {
        return n;
      }
      keyMarker = page.nextKeyMarker();
      uploadIdMarker = page.nextUploadIdMarker();
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }

  private static <T> T call(String what, Context context, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw Errors.translate(e, what, context);
    }
  }
}
