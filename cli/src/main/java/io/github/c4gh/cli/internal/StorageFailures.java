package io.github.c4gh.cli.internal;

import io.github.c4gh.allas.AllasException;
import io.github.c4gh.allas.MissingCredentialsException;
import io.github.c4gh.allas.NotSupportedByServerException;
import java.net.URI;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns the S3 client's {@link AllasException}s into the one line {@code c4gh} prints. The client's
 * messages already name the operation, the bucket or key, the HTTP status and S3 error code; this
 * class folds the multi-line ones into one line and words the cases a user meets most.
 */
final class StorageFailures {
  private StorageFailures() {}

  static CliException describe(AllasException e, StorageConnection storage) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof MissingCredentialsException) {
      return new CliException(missingCredentials(message), e);
    }
    if (e instanceof NotSupportedByServerException) {
      return new CliException(notSupported(message), e);
    }
    if (e.statusCode() == 0 && e.getCause() instanceof SdkClientException) {
      // no answer from the server: name the endpoint, the message names the call
      URI endpoint = storage.endpointOrNull();
      return new CliException((endpoint == null ? "" : "cannot reach " + endpoint + ": ") + message, e);
    }
    return new CliException(message + hint(e.errorCode()), e);
  }

  /** A short explanation of the S3 error codes of refused credentials. */
  private static String hint(String errorCode) {
    if (errorCode == null) {
      return "";
    }
    switch (errorCode) {
      case "AccessDenied":
        return "; these credentials may not do that here (a bucket of another project that is not shared with this "
            + "one, or no longer, or not for this)";
      case "InvalidAccessKeyId":
        return "; the server does not know this access key (check the keys and the endpoint)";
      case "SignatureDoesNotMatch":
        return "; the secret key does not belong to this access key";
      default:
        return "";
    }
  }

  /**
   * "no S3 credentials found (...). Looked at, in order:\n  - a\n  - b\nRun ..." as one line:
   * "no S3 credentials found (...). Looked at, in order: a; b. Run ...".
   */
  static String missingCredentials(String message) {
    String[] lines = message.split("\n");
    StringBuilder b = new StringBuilder(lines[0].strip());
    boolean inList = false;
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith("- ")) {
        b.append(inList ? "; " : " ").append(line.substring(2).strip());
        inList = true;
      } else if (!line.isEmpty()) {
        b.append(inList && b.charAt(b.length() - 1) != '.' ? ". " : " ").append(line);
        inList = false;
      }
    }
    return b.toString();
  }

  /**
   * "GetBucketPolicy b: HTTP 501 NotImplemented: ..." as "bucket policies are not supported by this
   * server (GetBucketPolicy b: HTTP 501 NotImplemented); ...".
   */
  static String notSupported(String message) {
    int http = message.indexOf(": HTTP ");
    String call = http < 0 ? message : message.substring(0, http);
    String status = "";
    if (http >= 0) {
      int end = message.indexOf(':', http + 2);
      status = ": " + (end < 0 ? message.substring(http + 2) : message.substring(http + 2, end)).strip();
    }
    String op = call.contains(" ") ? call.substring(0, call.indexOf(' ')) : call;
    if (op.contains("Policy")) {
      return "bucket policies are not supported by this server (" + call + status
          + "); sharing between projects needs Allas or another Ceph RGW";
    }
    if (op.contains("Lifecycle")) {
      return "lifecycle rules are not supported by this server (" + call + status + ")";
    }
    return "not supported by this server: " + message;
  }
}
