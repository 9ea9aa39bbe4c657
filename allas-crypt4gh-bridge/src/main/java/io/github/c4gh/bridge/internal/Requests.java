package io.github.c4gh.bridge.internal;

import io.github.c4gh.bridge.StorageException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs S3 requests with the bridge's own retries on top of the SDK's: each request (one part, one
 * range) is retried on its own after the SDK gave up, with exponential back-off, and a failure
 * becomes a {@link StorageException} that names what failed.
 */
public final class Requests {
  private static final Logger LOG = LoggerFactory.getLogger(Requests.class);

  private final int attempts;
  private final long backoffMillis;
  private final java.time.Duration attemptTimeoutBase;
  private final long minBytesPerSecond;

  /**
   * @param attempts tries per request (1 = no retry by the bridge; the SDK still retries)
   * @param backoffMillis the first back-off; it doubles per attempt, at most 8 s, with jitter
   * @param attemptTimeoutBase the time any request with a body may take beyond its transfer
   * @param minBytesPerSecond the slowest transfer of a body that is not taken for a stall
   */
  public Requests(int attempts, long backoffMillis, java.time.Duration attemptTimeoutBase, long minBytesPerSecond) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    this.attempts = attempts;
    this.backoffMillis = backoffMillis;
    this.attemptTimeoutBase = attemptTimeoutBase;
    this.minBytesPerSecond = minBytesPerSecond;
  }

  /**
   * The time one attempt of a request moving {@code bodyBytes} may take. A server that stops
   * reading a request body blocks the sender's write with no socket timeout; this bounds it.
   */
  public java.time.Duration attemptTimeout(long bodyBytes) {
    return attemptTimeoutBase.plusMillis(bodyBytes * 1000 / minBytesPerSecond);
  }

  /** Tries per request. */
  public int attempts() {
    return attempts;
  }

  /** What a request is about, for messages. */
  public record Target(String operation, String bucket, String key, int partNumber, String detail) {
    /** A request on an object. */
    public static Target of(String operation, String bucket, String key) {
      return new Target(operation, bucket, key, 0, null);
    }

    /** A request for one part. */
    public static Target part(String operation, String bucket, String key, int partNumber) {
      return new Target(operation, bucket, key, partNumber, null);
    }

    /** This target with a detail such as a byte range. */
    public Target with(String detail) {
      return new Target(operation, bucket, key, partNumber, detail);
    }

    /** For example {@code UploadPart 3 of bucket/key}. */
    public String describe() {
      return operation + (partNumber > 0 ? " " + partNumber + " of " : " ") + bucket + "/" + key + (detail == null ? "" : " " + detail);
    }
  }

  /** An S3 call. */
  @FunctionalInterface
  public interface Call<T> {
    /** Runs the request. */
    T run() throws IOException;
  }

  /** Runs {@code call}, retrying retryable failures; never cancelled. */
  public <T> T call(Target target, Call<T> call) throws IOException {
    return call(target, call, () -> false);
  }

  /**
   * Runs {@code call}, retrying retryable failures up to the configured attempts.
   *
   * @param cancelled checked before every attempt; when true, the last failure (or an {@link
   *     InterruptedIOException}) is thrown
   */
  public <T> T call(Target target, Call<T> call, BooleanSupplier cancelled) throws IOException {
    Throwable last = null;
    for (int attempt = 1; ; attempt++) {
      if (cancelled.getAsBoolean()) {
        throw last == null ? new InterruptedIOException(target.describe() + " was cancelled") : translate(last, target, attempt - 1);
      }
      try {
        return call.run();
      } catch (SdkException | IOException e) {
        if (interrupted(e)) {
          Thread.currentThread().interrupt();
          InterruptedIOException ie = new InterruptedIOException(target.describe() + " was interrupted");
          ie.initCause(e);
          throw ie;
        }
        last = e;
        if (attempt >= attempts || !retryable(e)) {
          throw translate(e, target, attempt);
        }
        LOG.debug("{} failed (attempt {} of {}), retrying: {}", target.describe(), attempt, attempts, e.toString());
        backoff(attempt, target);
      }
    }
  }

  /** Sleeps before retry number {@code attempt} (1-based). */
  public void backoff(int attempt, Target target) throws InterruptedIOException {
    long max = Math.min(8_000, backoffMillis << Math.min(attempt - 1, 16));
    long sleep = max / 2 + ThreadLocalRandom.current().nextLong(max / 2 + 1);
    try {
      Thread.sleep(sleep);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(target.describe() + " was interrupted while waiting to retry");
    }
  }

  /** Whether another attempt may succeed: server errors, throttling, timeouts, broken connections. */
  public static boolean retryable(Throwable e) {
    if (e instanceof StorageException se) {
      return se.statusCode() == 0 ? !(se instanceof io.github.c4gh.bridge.SourceChangedException) : retryableStatus(se.statusCode(), se.errorCode());
    }
    if (e instanceof AwsServiceException se) {
      String code = se.awsErrorDetails() == null ? null : se.awsErrorDetails().errorCode();
      return retryableStatus(se.statusCode(), code);
    }
    if (e instanceof SdkClientException || e instanceof IOException) {
      return !interrupted(e);
    }
    return false;
  }

  private static boolean retryableStatus(int status, String code) {
    return status >= 500
        || status == 408
        || status == 429
        || "RequestTimeout".equals(code)
        || "BadDigest".equals(code)
        || "SlowDown".equals(code)
        || "IncompleteBody".equals(code);
  }

  private static boolean interrupted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException || t instanceof InterruptedIOException && !(t instanceof java.net.SocketTimeoutException)
          || t instanceof AbortedException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Thread.currentThread().isInterrupted();
  }

  /** The {@link StorageException} for a failure of {@code target} after {@code attempts} tries. */
  public static StorageException translate(Throwable e, Target target, int attempts) {
    if (e instanceof StorageException se && attempts <= 1) {
      return se;
    }
    String after = attempts > 1 ? " (after " + attempts + " attempts)" : "";
    if (e instanceof AwsServiceException se) {
      int status = se.statusCode();
      String code = se.awsErrorDetails() == null ? null : se.awsErrorDetails().errorCode();
      String serverMessage = se.awsErrorDetails() == null ? null : se.awsErrorDetails().errorMessage();
      String msg = target.describe() + " failed: HTTP " + status + (code == null || code.isEmpty() ? "" : " " + code)
          + (serverMessage == null || serverMessage.isBlank() ? "" : ": " + serverMessage)
          + (se.requestId() == null ? "" : " (request id " + se.requestId() + ")") + after;
      return new StorageException(msg, e, target.operation(), target.bucket(), target.key(), target.partNumber(), status, code);
    }
    if (e instanceof StorageException se) {
      return new StorageException(se.getMessage() + after, se, target.operation(), target.bucket(), target.key(), target.partNumber(),
          se.statusCode(), se.errorCode());
    }
    String msg = target.describe() + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + after;
    return new StorageException(msg, e, target.operation(), target.bucket(), target.key(), target.partNumber(), 0, null);
  }

  /** The HTTP status of an SDK failure, or 0. */
  public static int status(Throwable e) {
    if (e instanceof AwsServiceException se) {
      return se.statusCode();
    }
    if (e instanceof StorageException se) {
      return se.statusCode();
    }
    return 0;
  }
}
