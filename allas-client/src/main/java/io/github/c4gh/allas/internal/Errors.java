package io.github.c4gh.allas.internal;

import io.github.c4gh.allas.AccessDeniedException;
import io.github.c4gh.allas.AllasException;
import io.github.c4gh.allas.BucketAlreadyExistsException;
import io.github.c4gh.allas.BucketNotEmptyException;
import io.github.c4gh.allas.NoSuchBucketException;
import io.github.c4gh.allas.NoSuchObjectException;
import io.github.c4gh.allas.NotSupportedByServerException;
import io.github.c4gh.allas.ObjectExistsException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns AWS SDK exceptions into this client's typed {@link AllasException}s. */
public final class Errors {
  private Errors() {}

  /** How to read a 404 or 412 in the context of one call. */
  public enum Context {
    /** A call on a bucket: a bare 404 means no such bucket. */
    BUCKET,
    /** A call on an object: a bare 404 (HEAD has no body) means no such object. */
    OBJECT,
    /** A conditional write with {@code If-None-Match: *}: 412 means the object exists. */
    CONDITIONAL_WRITE,
    /** Nothing special. */
    OTHER
  }

  /**
   * The typed exception for an SDK failure.
   *
   * @param e the SDK's exception
   * @param what the operation and target, for example {@code "PUT my-bucket/key"}
   * @param context how to read a 404 or 412
   */
  public static AllasException translate(SdkException e, String what, Context context) {
    if (e instanceof AwsServiceException se) {
      int status = se.statusCode();
      String code = se.awsErrorDetails() == null ? null : se.awsErrorDetails().errorCode();
      String serverMessage = se.awsErrorDetails() == null ? null : se.awsErrorDetails().errorMessage();
      String msg =
          what
              + ": HTTP "
              + status
              + (code == null ? "" : " " + code)
              + (serverMessage == null || serverMessage.isBlank() ? "" : ": " + serverMessage)
              + (se.requestId() == null ? "" : " (request id " + se.requestId() + ")");
      if ("NoSuchBucket".equals(code) || (status == 404 && context == Context.BUCKET && bareNotFound(code))) {
        return new NoSuchBucketException(msg, e, status, code);
      }
      if ("NoSuchKey".equals(code) || (status == 404 && context == Context.OBJECT && bareNotFound(code))) {
        return new NoSuchObjectException(msg, e, status, code);
      }
      if (status == 412 && context == Context.CONDITIONAL_WRITE) {
        return new ObjectExistsException(
            what + ": the object exists and overwriting was not asked for (HTTP 412 to If-None-Match: *)", e, status, code);
      }
      if (status == 403 || "AccessDenied".equals(code)) {
        return new AccessDeniedException(msg, e, status, code);
      }
      if ("BucketNotEmpty".equals(code)) {
        return new BucketNotEmptyException(msg, e, status, code);
      }
      if ("BucketAlreadyExists".equals(code)) {
        return new BucketAlreadyExistsException(
            msg + ". Bucket names are global across Allas: choose another name.", e, status, code);
      }
      if (status == 501 || "NotImplemented".equals(code)) {
        return new NotSupportedByServerException(msg, e, status, code);
      }
      return new AllasException(msg, e, status, code);
    }
    return new AllasException(what + ": " + e.getMessage(), e);
  }

  /** A 404 without an S3 error code of its own (HEAD responses have no body). */
  private static boolean bareNotFound(String code) {
    return code == null || code.isEmpty() || code.equals("NotFound") || code.startsWith("404");
  }

  /** The ETag without surrounding quotes (RGW matches {@code If-Match} only without them). */
  public static String unquote(String eTag) {
    if (eTag == null) {
      return null;
    }
    String t = eTag.strip();
    if (t.startsWith("W/")) {
      t = t.substring(2);
    }
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
      t = t.substring(1, t.length() - 1);
    }
    return t;
  }
}
