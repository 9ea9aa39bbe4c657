package io.github.c4gh.bridge.internal;

import io.github.c4gh.bridge.SourceChangedException;
import io.github.c4gh.bridge.StorageException;
import io.github.c4gh.bridge.internal.Requests.Target;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Reads byte ranges of one object with ranged GETs. The first response fixes the object's size
 * (from {@code Content-Range}) and ETag; a later response with another ETag means the object was
 * replaced, and fails with {@link SourceChangedException} rather than mixing two objects. A body
 * that breaks off is resumed from the first missing byte; each range is retried on its own.
 * Thread-safe.
 */
public final class ObjectReader {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectReader.class);

  private final S3Client s3;
  private final Requests requests;
  private final String bucket;
  private final String key;
  private volatile String eTag;
  private volatile long size = -1;
  private final AtomicLong requestsMade = new AtomicLong();
  private final AtomicLong bytesRead = new AtomicLong();

  /** @param expectedETag the ETag the object must have (unquoted), or null to take the first seen */
  public ObjectReader(S3Client s3, Requests requests, String bucket, String key, String expectedETag) {
    this.s3 = s3;
    this.requests = requests;
    this.bucket = bucket;
    this.key = key;
    this.eTag = expectedETag;
  }

  public String bucket() {
    return bucket;
  }

  public String key() {
    return key;
  }

  /** The object size, or -1 before the first response. */
  public long size() {
    return size;
  }

  /** The object's ETag (unquoted), or null before the first response. */
  public String eTag() {
    return eTag;
  }

  /** GET requests sent. */
  public long requestsMade() {
    return requestsMade.get();
  }

  /** Body bytes received. */
  public long bytesRead() {
    return bytesRead.get();
  }

  /**
   * Reads object bytes {@code [offset, offset + len)} into {@code dst}, fewer only at the end of
   * the object.
   *
   * @return bytes read; 0 when {@code offset} is at or past the end
   */
  public int readFully(long offset, byte[] dst, int off, int len) throws IOException {
    int done = 0;
    int failures = 0;
    while (done < len) {
      long from = offset + done;
      long known = size;
      if (known >= 0 && from >= known) {
        break;
      }
      String range = "bytes=" + from + "-" + (offset + len - 1);
      Target target = Target.of("GetObject", bucket, key).with(range);
      ResponseInputStream<GetObjectResponse> in;
      try {
        in = requests.call(target, () -> {
          requestsMade.incrementAndGet();
          return s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).range(range).build());
        });
      } catch (StorageException e) {
        if (e.statusCode() == 416) {
          if (from == 0 && size < 0) {
            size = 0; // an empty object has no satisfiable range
          }
          break;
        }
        throw e;
      }
      int before = done;
      try (InputStream body = in) {
        long start = accept(in.response(), from, target);
        if (start < from) {
          body.skipNBytes(from - start); // the server ignored the range
        }
        while (done < len) {
          int n = body.read(dst, off + done, len - done);
          if (n < 0) {
            break;
          }
          done += n;
          bytesRead.addAndGet(n);
        }
      } catch (SourceChangedException e) {
        throw e;
      } catch (IOException e) {
        if (done > before) {
          failures = 0; // progress: only failures in a row count
        }
        failures++;
        if (failures >= requests.attempts() || Thread.currentThread().isInterrupted()) {
          throw Requests.translate(e, target.with(range + ", body broke off after " + (done - before) + " bytes"), failures);
        }
        LOG.debug("{}: body broke off after {} bytes, resuming: {}", target.describe(), done - before, e.toString());
        requests.backoff(failures, target);
        continue;
      }
      if (done < len && (size < 0 || offset + done < size)) {
        // a short body without an error: retry the rest
        failures++;
        if (failures >= requests.attempts()) {
          throw new StorageException(target.describe() + " returned " + (done - before) + " bytes, fewer than the range holds",
              null, "GetObject", bucket, key, 0, 206, null);
        }
      }
    }
    return done;
  }

  /** Checks the ETag and learns the size; returns the offset the body starts at. */
  private long accept(GetObjectResponse r, long from, Target target) throws SourceChangedException {
    String tag = Digests.unquote(r.eTag());
    String known = eTag;
    if (known == null) {
      eTag = tag;
    } else if (tag != null && !tag.equals(known)) {
      throw new SourceChangedException(
          target.describe() + ": the object changed while it was read (ETag " + known + " became " + tag + ")", "GetObject", bucket, key);
    }
    String cr = r.contentRange();
    if (cr != null) {
      int slash = cr.lastIndexOf('/');
      if (slash > 0 && !cr.endsWith("*")) {
        size = Long.parseLong(cr.substring(slash + 1).trim());
      }
      int space = cr.indexOf(' ');
      int dash = cr.indexOf('-');
      if (space > 0 && dash > space) {
        return Long.parseLong(cr.substring(space + 1, dash).trim());
      }
      return from;
    }
    // 200 without Content-Range: the whole object
    if (r.contentLength() != null) {
      size = r.contentLength();
    }
    return 0;
  }
}
