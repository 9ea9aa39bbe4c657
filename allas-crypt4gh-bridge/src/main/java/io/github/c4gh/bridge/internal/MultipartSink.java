package io.github.c4gh.bridge.internal;

import io.github.c4gh.bridge.StorageException;
import io.github.c4gh.bridge.TargetExistsException;
import io.github.c4gh.bridge.UploadOptions;
import io.github.c4gh.bridge.internal.Requests.Target;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The ciphertext sink of an encrypting upload: a {@link WritableByteChannel} that cuts what the
 * core's encrypting channel writes into parts at segment boundaries ({@link PartSizer}) and uploads
 * them on a bounded pool while the next part fills. An object that ends before its first part is
 * full goes in one PUT instead. Nothing is stored until {@link #commit()}; {@link #close()} only ends
 * the input, so a failure anywhere before the commit leaves no object.
 *
 * <p>The writing side (write, close, commit) belongs to one thread; {@link #abort} may be called
 * from any thread.
 */
public final class MultipartSink implements WritableByteChannel {
  private static final Logger LOG = LoggerFactory.getLogger(MultipartSink.class);
  private static final AtomicInteger IDS = new AtomicInteger();

  /** What was stored. */
  public record Stored(String eTag, long objectBytes, int parts) {}

  private final S3Client s3;
  private final Requests requests;
  private final String bucket;
  private final String key;
  private final UploadOptions options;
  private final PartSizer sizer;
  private final long expectedObjectBytes;
  private final ProgressTracker progress;
  private final BufferPool pool;
  private final boolean ownerFullControl;
  private final int id = IDS.incrementAndGet();

  private final Object lock = new Object();
  private volatile String uploadId;
  private boolean completedRemote;
  private boolean aborted;
  private IOException failure;
  private final List<Future<?>> tasks = new ArrayList<>();
  private final TreeMap<Integer, CompletedPart> completed = new TreeMap<>();
  private final TreeMap<Integer, byte[]> partMd5s = new TreeMap<>();
  private volatile ExecutorService executor;

  private PartBuffer cur;
  private long curCap;
  private int nextPart = 1;
  private long received;
  private boolean inputClosed;
  private boolean committed;

  /**
   * @param headerLength the encryptor's header length
   * @param expectedObjectBytes the encrypted size when the plaintext length is known, else -1
   */
  public MultipartSink(
      S3Client s3, Requests requests, String bucket, String key, UploadOptions options, long headerLength, long expectedPlaintext,
      long expectedObjectBytes, ProgressTracker progress) {
    this.s3 = s3;
    this.requests = requests;
    this.bucket = bucket;
    this.key = key;
    this.options = options;
    this.sizer = new PartSizer(headerLength, options.partSize(), expectedPlaintext);
    this.expectedObjectBytes = expectedObjectBytes;
    this.progress = progress;
    this.pool = new BufferPool(options.partsInFlight() + 1);
    this.ownerFullControl = options.sendsBucketOwnerFullControl(bucket);
  }

  /** The part geometry. */
  public PartSizer sizer() {
    return sizer;
  }

  /** The buffer pool (for tests of the memory bound). */
  public BufferPool pool() {
    return pool;
  }

  /** Encrypted bytes received so far. */
  public long received() {
    return received;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    if (inputClosed) {
      throw new ClosedChannelException();
    }
    checkFailure();
    int total = src.remaining();
    while (src.hasRemaining()) {
      if (cur != null && cur.length() == curCap) {
        dispatch(); // a full part is sent only once more data shows it is not the last
      }
      if (cur == null) {
        curCap = sizer.partBytes(nextPart);
        cur = pool.acquire(this::checkFailure);
      }
      received += cur.append(src, curCap);
    }
    if (expectedObjectBytes >= 0 && received > expectedObjectBytes) {
      IOException e = new IOException(
          "the encrypted stream of " + bucket + "/" + key + " is longer than the " + expectedObjectBytes + " bytes expected");
      abort(e);
      throw e;
    }
    progress.encrypted(received);
    return total;
  }

  private void dispatch() throws IOException {
    int partNumber = nextPart;
    if (partNumber > PartSizer.MAX_PARTS) {
      throw new IOException("the object " + bucket + "/" + key + " needs more than 10 000 parts; give the expected length or a larger part size");
    }
    startUpload();
    PartBuffer buf = cur;
    cur = null;
    nextPart++;
    Future<?> f;
    try {
      f = executor.submit(() -> {
        try {
          uploadPart(partNumber, buf);
        } catch (Throwable t) {
          fail(t);
        } finally {
          pool.release(buf);
        }
      });
    } catch (RejectedExecutionException e) {
      pool.release(buf);
      throw failureOrAborted(); // aborted from another thread
    }
    synchronized (lock) {
      tasks.add(f);
    }
  }

  private void startUpload() throws IOException {
    if (uploadId != null) {
      return;
    }
    if (!options.overwrite()) {
      checkAbsent("before starting the multipart upload", false);
    }
    CreateMultipartUploadRequest.Builder req =
        CreateMultipartUploadRequest.builder().bucket(bucket).key(key).contentType(options.contentType());
    if (!options.metadata().isEmpty()) {
      req.metadata(options.metadata());
    }
    if (ownerFullControl) {
      req.acl("bucket-owner-full-control");
    }
    CreateMultipartUploadRequest request = req.build();
    String created = requests.call(Target.of("CreateMultipartUpload", bucket, key), () -> s3.createMultipartUpload(request).uploadId());
    boolean abortedMeanwhile;
    synchronized (lock) {
      abortedMeanwhile = aborted;
      uploadId = created;
    }
    if (abortedMeanwhile) {
      abortRemote(created); // abort() ran while the upload was being created
      throw failureOrAborted();
    }
    int threads = options.partsInFlight();
    AtomicInteger n = new AtomicInteger();
    executor = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "c4gh-upload-" + id + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    LOG.debug("started multipart upload of {}/{} (parts of {} bytes, {} in flight)", bucket, key, sizer.partBytes(1), threads);
  }

  private void uploadPart(int partNumber, PartBuffer buf) throws IOException {
    String uploadId = this.uploadId;
    long len = buf.length();
    byte[] md5 = options.contentMd5() ? buf.md5() : null;
    UploadPartRequest.Builder req = UploadPartRequest.builder()
        .bucket(bucket)
        .key(key)
        .uploadId(uploadId)
        .partNumber(partNumber)
        .contentLength(len)
        .overrideConfiguration(o -> o.apiCallAttemptTimeout(requests.attemptTimeout(len)));
    if (md5 != null) {
      req.contentMD5(Digests.base64(md5));
    }
    UploadPartRequest request = req.build();
    // the SDK opens the body once per attempt (and once more to sign it over plain http): no copy
    RequestBody body = RequestBody.fromContentProvider(buf::newInputStream, len, "application/octet-stream");
    UploadPartResponse r =
        requests.call(Target.part("UploadPart", bucket, key, partNumber), () -> s3.uploadPart(request, body), this::isAborted);
    synchronized (lock) {
      completed.put(partNumber, CompletedPart.builder().partNumber(partNumber).eTag(r.eTag()).build());
      if (md5 != null) {
        partMd5s.put(partNumber, md5);
      }
    }
    progress.partDone(len);
    LOG.debug("uploaded part {} of {}/{} ({} bytes)", partNumber, bucket, key, len);
  }

  /** Ends the input; stores nothing (see {@link #commit()}). Idempotent. */
  @Override
  public void close() {
    inputClosed = true;
  }

  @Override
  public boolean isOpen() {
    return !inputClosed;
  }

  /**
   * Stores the object: one PUT when it never filled a part, else the last part and
   * CompleteMultipartUpload. Any failure aborts the upload and is rethrown.
   *
   * @throws TargetExistsException if the object exists and overwriting was not asked for
   */
  public Stored commit() throws IOException {
    inputClosed = true;
    if (committed) {
      throw new IllegalStateException("already committed");
    }
    committed = true;
    try {
      checkFailure();
      if (expectedObjectBytes >= 0 && received != expectedObjectBytes) {
        throw new IOException("the encrypted stream of " + bucket + "/" + key + " has " + received + " bytes, not the "
            + expectedObjectBytes + " expected");
      }
      Stored s = uploadId == null ? singlePut() : complete();
      progress.finished();
      return s;
    } catch (IOException | RuntimeException | Error e) {
      abort(e);
      throw failureOr(e);
    } finally {
      shutdown();
      if (cur != null) {
        pool.release(cur);
        cur = null;
      }
      pool.clear();
    }
  }

  private Stored singlePut() throws IOException {
    if (cur == null) {
      cur = pool.acquire(this::checkFailure); // nothing was written (cannot happen: the header always is)
    }
    PartBuffer buf = cur;
    long len = buf.length();
    byte[] md5 = buf.md5();
    PutObjectRequest.Builder req = PutObjectRequest.builder()
        .bucket(bucket)
        .key(key)
        .contentLength(len)
        .contentType(options.contentType())
        .overrideConfiguration(o -> o.apiCallAttemptTimeout(requests.attemptTimeout(len)));
    if (options.contentMd5()) {
      req.contentMD5(Digests.base64(md5));
    }
    if (!options.overwrite()) {
      req.ifNoneMatch("*");
    }
    if (!options.metadata().isEmpty()) {
      req.metadata(options.metadata());
    }
    if (ownerFullControl) {
      req.acl("bucket-owner-full-control");
    }
    PutObjectRequest request = req.build();
    RequestBody body = RequestBody.fromContentProvider(buf::newInputStream, len, "application/octet-stream");
    String eTag;
    try {
      eTag = Digests.unquote(requests.call(Target.of("PutObject", bucket, key), () -> s3.putObject(request, body).eTag(), this::isAborted));
    } catch (StorageException e) {
      if (e.statusCode() != 412) {
        throw e;
      }
      // A retried PUT whose first attempt was stored answers 412 to its own object.
      String existing = headETag();
      if (!Digests.singleETag(md5).equals(existing)) {
        throw new TargetExistsException(
            "PutObject " + bucket + "/" + key + ": the object exists and overwriting was not asked for (HTTP 412 to If-None-Match: *)",
            e, "PutObject", bucket, key, 412);
      }
      eTag = existing;
    }
    progress.partDone(len);
    LOG.debug("put {}/{} in one request ({} bytes)", bucket, key, len);
    return new Stored(eTag, len, 0);
  }

  private Stored complete() throws IOException {
    if (cur != null && cur.length() > 0) {
      dispatch();
    }
    awaitTasks();
    checkFailure();
    if (!options.overwrite()) {
      checkAbsent("just before completing the multipart upload", true);
    }
    List<CompletedPart> parts;
    List<byte[]> md5s;
    synchronized (lock) {
      parts = List.copyOf(completed.values());
      md5s = List.copyOf(partMd5s.values());
    }
    if (parts.size() != nextPart - 1) {
      throw new IOException("internal error: " + parts.size() + " parts acknowledged, " + (nextPart - 1) + " sent");
    }
    String expectedETag = md5s.size() == parts.size() ? Digests.multipartETag(md5s) : null;
    CompleteMultipartUploadRequest.Builder req = CompleteMultipartUploadRequest.builder()
        .bucket(bucket)
        .key(key)
        .uploadId(uploadId)
        .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build());
    if (!options.overwrite()) {
      req.ifNoneMatch("*"); // honoured by newer servers only: the HEAD above is the guard elsewhere
    }
    CompleteMultipartUploadRequest request = req.build();
    try {
      requests.call(Target.of("CompleteMultipartUpload", bucket, key), () -> s3.completeMultipartUpload(request), this::isAborted);
    } catch (StorageException e) {
      if (e.statusCode() == 412) {
        throw new TargetExistsException("CompleteMultipartUpload " + bucket + "/" + key
            + ": the object exists and overwriting was not asked for (HTTP 412 to If-None-Match: *)", e, "CompleteMultipartUpload", bucket, key, 412);
      }
      // a retried complete whose first attempt went through answers NoSuchUpload
      if (!(e.statusCode() == 404 && expectedETag != null && expectedETag.equals(headETag()))) {
        throw e;
      }
    }
    synchronized (lock) {
      completedRemote = true; // nothing left to abort
    }
    // RGW answers CompleteMultipartUpload with an empty ETag: HEAD has the right one
    HeadObjectResponse head = requests.call(Target.of("HeadObject", bucket, key), () -> s3.headObject(b -> b.bucket(bucket).key(key)));
    String eTag = Digests.unquote(head.eTag());
    if (head.contentLength() != null && head.contentLength() != received) {
      throw new StorageException("HeadObject " + bucket + "/" + key + " after completing reports " + head.contentLength()
          + " bytes, not the " + received + " uploaded: another writer replaced it?", null, "HeadObject", bucket, key, 0, 200, null);
    }
    if (expectedETag != null && eTag != null && eTag.endsWith("-" + parts.size()) && !eTag.equals(expectedETag)) {
      throw new StorageException("HeadObject " + bucket + "/" + key + " after completing reports ETag " + eTag
          + ", not the " + expectedETag + " of the parts uploaded: another writer replaced it?", null, "HeadObject", bucket, key, 0, 200, null);
    }
    LOG.debug("completed {}/{}: {} parts, {} bytes", bucket, key, parts.size(), received);
    return new Stored(eTag, received, parts.size());
  }

  private void awaitTasks() throws IOException {
    List<Future<?>> fs;
    synchronized (lock) {
      fs = List.copyOf(tasks);
    }
    for (Future<?> f : fs) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the parts of " + bucket + "/" + key);
      } catch (ExecutionException e) {
        fail(e.getCause());
      } catch (java.util.concurrent.CancellationException e) {
        // aborted
      }
    }
  }

  /**
   * Fails if an object exists at the key.
   *
   * @param racy true when another writer could still slip in after the check
   */
  private void checkAbsent(String when, boolean racy) throws IOException {
    try {
      requests.call(Target.of("HeadObject", bucket, key), () -> s3.headObject(b -> b.bucket(bucket).key(key)));
    } catch (StorageException e) {
      if (e.statusCode() == 404) {
        return;
      }
      if (e.statusCode() == 403) {
        throw new StorageException("HeadObject " + bucket + "/" + key + " answered HTTP 403: cannot check that no object would be"
            + " overwritten; upload with overwrite(true) to skip the check", e, "HeadObject", bucket, key, 0, 403, e.errorCode());
      }
      throw e;
    }
    throw new TargetExistsException("the object " + bucket + "/" + key + " exists and overwriting was not asked for (checked with HEAD "
        + when + ")", null, "HeadObject", bucket, key, 0);
  }

  private String headETag() throws IOException {
    try {
      return Digests.unquote(requests.call(Target.of("HeadObject", bucket, key), () -> s3.headObject(b -> b.bucket(bucket).key(key))).eTag());
    } catch (StorageException e) {
      if (e.statusCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  private void fail(Throwable t) {
    IOException e = t instanceof IOException io ? io : new IOException("upload of " + bucket + "/" + key + " failed: " + t, t);
    synchronized (lock) {
      if (failure == null) {
        failure = e;
      } else if (failure != e) {
        failure.addSuppressed(e);
      }
    }
    pool.wakeAll();
  }

  private void checkFailure() throws IOException {
    synchronized (lock) {
      if (failure != null) {
        throw failure;
      }
      if (aborted) {
        throw failureOrAborted();
      }
    }
  }

  private boolean isAborted() {
    synchronized (lock) {
      return aborted;
    }
  }

  private IOException failureOrAborted() {
    synchronized (lock) {
      return failure != null ? failure : new IOException("the upload of " + bucket + "/" + key + " was aborted");
    }
  }

  private IOException failureOr(Throwable e) {
    synchronized (lock) {
      if (failure != null) {
        return failure;
      }
    }
    if (e instanceof IOException io) {
      return io;
    }
    if (e instanceof Error err) {
      throw err;
    }
    return new IOException(e);
  }

  /**
   * Aborts: no object is stored, parts in flight are cancelled and the multipart upload (if one was
   * started) is aborted on the server. Thread-safe and idempotent.
   *
   * @param cause why, or null for a cancellation
   */
  public void abort(Throwable cause) {
    String id;
    List<Future<?>> fs;
    synchronized (lock) {
      if (cause != null && failure == null) {
        failure = cause instanceof IOException io ? io : new IOException("upload of " + bucket + "/" + key + " failed: " + cause, cause);
      }
      if (aborted) {
        return;
      }
      aborted = true;
      id = completedRemote ? null : uploadId;
      fs = List.copyOf(tasks);
    }
    pool.wakeAll();
    fs.forEach(f -> f.cancel(true));
    // a cancellation by interrupt must still reach the server: clear the flag while aborting
    boolean interrupted = Thread.interrupted();
    try {
      shutdown();
      if (id != null) {
        abortRemote(id);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void abortRemote(String id) {
    try {
      requests.call(Target.of("AbortMultipartUpload", bucket, key), () -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id)));
      LOG.debug("aborted multipart upload of {}/{}", bucket, key);
    } catch (IOException e) {
      if (Requests.status(e) == 404) {
        return; // gone already
      }
      LOG.warn("could not abort the multipart upload {} of {}/{}; its parts use quota until it is aborted or a lifecycle rule removes it: {}",
          id, bucket, key, e.getMessage());
      synchronized (lock) {
        if (failure != null) {
          failure.addSuppressed(e);
        }
      }
    }
  }

  private void shutdown() {
    ExecutorService ex = executor;
    if (ex != null) {
      ex.shutdownNow();
      try {
        if (!ex.awaitTermination(30, TimeUnit.SECONDS)) {
          LOG.warn("part uploads of {}/{} still running 30 s after the upload ended", bucket, key);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** For tests: the uploaded parts so far. */
  public Map<Integer, CompletedPart> completedParts() {
    synchronized (lock) {
      return Map.copyOf(completed);
    }
  }
}
