package io.github.c4gh.allas;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How an object is written by {@code putObject} and {@code copyObject}.
 *
 * <p>By default nothing is overwritten: single PUTs carry {@code If-None-Match: *} and fail with
 * {@link ObjectExistsException} when the key exists (Allas has no backups or versions, so an
 * overwrite is final; CSC's {@code a-put} has the same default). Uploads of bytes and files send a
 * {@code Content-MD5} so the server verifies what it stored.
 *
 * <pre>{@code
 * client.putObject("b", "k", bytes, PutOptions.builder()
 *     .overwrite(true)
 *     .cannedAcl(CannedAcl.BUCKET_OWNER_FULL_CONTROL)
 *     .build());
 * }</pre>
 */
public final class PutOptions {
  private static final PutOptions DEFAULTS = builder().build();

  private final boolean overwrite;
  private final CannedAcl cannedAcl;
  private final String contentType;
  private final Map<String, String> metadata;
  private final boolean contentMd5;

  private PutOptions(Builder b) {
    this.overwrite = b.overwrite;
    this.cannedAcl = b.cannedAcl;
    this.contentType = b.contentType;
    this.metadata = Map.copyOf(b.metadata);
    this.contentMd5 = b.contentMd5;
  }

  /**
   * No overwrite, no ACL, {@code application/octet-stream}, no metadata, {@code Content-MD5}.
   *
   * @return the default options
   */
  public static PutOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.overwrite = overwrite;
    b.cannedAcl = cannedAcl;
    b.contentType = contentType;
    b.metadata.putAll(metadata);
    b.contentMd5 = contentMd5;
    return b;
  }

  /**
   * A copy with some options changed.
   *
   * @param changes applied to a builder holding these options
   * @return the new options
   */
  public PutOptions copy(Consumer<Builder> changes) {
    Builder b = toBuilder();
    changes.accept(b);
    return b.build();
  }

  /**
   * Whether an existing object may be replaced.
   *
   * @return {@code false} unless asked for
   */
  public boolean overwrite() {
    return overwrite;
  }

  /**
   * The canned ACL to send.
   *
   * @return the ACL, or empty to send none
   */
  public Optional<CannedAcl> cannedAcl() {
    return Optional.ofNullable(cannedAcl);
  }

  /**
   * The content type to store.
   *
   * @return the type, or empty for {@code application/octet-stream} (copies: keep the source's)
   */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /**
   * User metadata to store as {@code x-amz-meta-*} headers.
   *
   * @return an immutable map, empty by default (copies: keep the source's when empty)
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Whether uploads of bytes and files send {@code Content-MD5}.
   *
   * @return {@code true} unless turned off
   */
  public boolean contentMd5() {
    return contentMd5;
  }

  @Override
  public String toString() {
    return "PutOptions{overwrite=" + overwrite + ", cannedAcl=" + cannedAcl + ", contentType=" + contentType
        + ", metadata=" + metadata.keySet() + ", contentMd5=" + contentMd5 + "}";
  }

  /** Builds {@link PutOptions}. Not thread-safe. */
  public static final class Builder {
    private boolean overwrite;
    private CannedAcl cannedAcl;
    private String contentType;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private boolean contentMd5 = true;

    private Builder() {}

    /**
     * Allows replacing an existing object. Allas keeps no old versions: the old content is gone.
     *
     * @param overwrite {@code true} to replace
     * @return this builder
     */
    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    /**
     * Sets the canned ACL sent with the object.
     *
     * @param acl the ACL, or {@code null} for none
     * @return this builder
     */
    public Builder cannedAcl(CannedAcl acl) {
      this.cannedAcl = acl;
      return this;
    }

    /**
     * Sets the content type.
     *
     * @param contentType for example {@code application/octet-stream}, or {@code null}
     * @return this builder
     */
    public Builder contentType(String contentType) {
      this.contentType = contentType;
      return this;
    }

    /**
     * Adds one user metadata entry. Metadata is stored in clear text: never put file names or
     * other sensitive facts here.
     *
     * @param name the name, without {@code x-amz-meta-}
     * @param value the value (US-ASCII is safest)
     * @return this builder
     */
    public Builder metadata(String name, String value) {
      metadata.put(java.util.Objects.requireNonNull(name, "name"), java.util.Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sends (or not) a {@code Content-MD5} header with byte and file uploads. Computing it for a
     * file reads the file twice.
     *
     * @param contentMd5 {@code false} to skip it
     * @return this builder
     */
    public Builder contentMd5(boolean contentMd5) {
      this.contentMd5 = contentMd5;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the immutable options
     */
    public PutOptions build() {
      return new PutOptions(this);
    }
  }
}
