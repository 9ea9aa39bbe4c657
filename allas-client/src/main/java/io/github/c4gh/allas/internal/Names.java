package io.github.c4gh.allas.internal;

import io.github.c4gh.allas.InvalidBucketNameException;
import io.github.c4gh.allas.InvalidProjectIdException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validation of bucket names and project ids, and the URL form of object keys. */
public final class Names {
  private static final Pattern PROJECT_ID = Pattern.compile("[0-9a-fA-F]{32}");
  private static final Pattern PROJECT_NAME = Pattern.compile("(?i)project_\\d+");
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_]{1,64}");
  private static final Pattern NEW_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IPV4_LIKE = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private Names() {}

  /**
   * Checks a project id and returns it in lower case.
   *
   * @throws InvalidProjectIdException for a project name such as {@code project_2000111} or any
   *     other text that is not 32 hexadecimal characters
   */
  public static String projectId(String projectId) {
    if (projectId == null) {
      throw new NullPointerException("projectId");
    }
    String trimmed = projectId.trim();
    if (PROJECT_ID.matcher(trimmed).matches()) {
      return trimmed.toLowerCase(Locale.ROOT);
    }
    if (PROJECT_NAME.matcher(trimmed).matches()) {
      throw new InvalidProjectIdException(
          "'"
              + trimmed
              + "' is a project name, but over S3 a project is identified only by its project id:"
              + " 32 hexadecimal characters (CSC's web interface shows it as the Share ID; `openstack"
              + " project show "
              + trimmed
              + " -f value -c id` prints it). A bucket policy naming the project by name matches"
              + " nobody.",
          null);
    }
    throw new InvalidProjectIdException(
        "'"
            + trimmed
            + "' is not a project id: over S3 a project is identified by its 32-hexadecimal-character"
            + " project id (the Share ID in CSC's web interface).",
        null);
  }

  /** Whether the text is a 32-hex project id (either case). */
  public static boolean isProjectId(String s) {
    return s != null && PROJECT_ID.matcher(s).matches();
  }

  /**
   * Checks the name of a bucket to be created: 3-63 characters of lower-case letters, digits,
   * {@code -} and {@code .}, starting and ending with a letter or digit, no {@code ..}, not an IP
   * address. RGW's {@code <tenant>:<bucket>} form is accepted; the bucket part is checked.
   *
   * @throws InvalidBucketNameException if the name is not valid
   */
  public static String newBucketName(String name) {
    if (name == null) {
      throw new NullPointerException("bucket");
    }
    String bucket = name;
    int colon = name.indexOf(':');
    if (colon >= 0) {
      String tenant = name.substring(0, colon);
      bucket = name.substring(colon + 1);
      if (!TENANT.matcher(tenant).matches()) {
        throw new InvalidBucketNameException(
            "invalid bucket name '"
                + name
                + "': in the form <tenant>:<bucket> the tenant is letters, digits and '_'",
            null);
      }
    }
    String why = null;
    if (bucket.length() < 3 || bucket.length() > 63) {
      why = "it must be 3-63 characters long";
    } else if (!bucket.equals(bucket.toLowerCase(Locale.ROOT))) {
      why = "it must be lower case";
    } else if (!NEW_BUCKET.matcher(bucket).matches()) {
      why = "it may contain only lower-case letters, digits, '-' and '.', and must start and end with a letter or digit";
    } else if (bucket.contains("..")) {
      why = "it must not contain '..'";
    } else if (IPV4_LIKE.matcher(bucket).matches()) {
      why = "it must not look like an IP address";
    }
    if (why != null) {
      throw new InvalidBucketNameException("invalid bucket name '" + name + "': " + why, null);
    }
    return name;
  }

  /**
   * Checks that a bucket name is usable at all (existing buckets may have legacy names with upper
   * case or {@code _}, so only emptiness and {@code /} are refused).
   */
  public static String existingBucketName(String name) {
    if (name == null) {
      throw new NullPointerException("bucket");
    }
    if (name.isEmpty() || name.indexOf('/') >= 0) {
      throw new InvalidBucketNameException("invalid bucket name '" + name + "'", null);
    }
    return name;
  }

  /** The bucket part of {@code <tenant>:<bucket>}, or the name itself. */
  public static String bucketPart(String name) {
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(colon + 1);
  }

  /** Checks an object key: not empty, at most 1024 UTF-8 bytes. */
  public static String key(String key) {
    if (key == null) {
      throw new NullPointerException("key");
    }
    if (key.isEmpty()) {
      throw new IllegalArgumentException("an object key must not be empty");
    }
    if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1024) {
      throw new IllegalArgumentException("an object key must be at most 1024 bytes in UTF-8");
    }
    return key;
  }

  /**
   * Percent-encodes an object key for a URL path: every byte except the RFC 3986 unreserved
   * characters and {@code /} is encoded (so a space is {@code %20}, never {@code +}).
   */
  public static String encodeKey(String key) {
    return encode(key, true);
  }

  /** Percent-encodes one path segment (a bucket name); {@code /} is encoded too. */
  public static String encodeSegment(String s) {
    return encode(s, false);
  }

  private static String encode(String s, boolean keepSlash) {
    byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || (keepSlash && c == '/')) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        sb.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }
}
