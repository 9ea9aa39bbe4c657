package io.github.c4gh.allas.internal;

import io.github.c4gh.allas.CommonPrefix;
import io.github.c4gh.allas.ListEntry;
import io.github.c4gh.allas.ListOptions;
import io.github.c4gh.allas.ObjectSummary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/** A lazy, paged ListObjectsV2 listing as a {@link Stream} of {@link ListEntry}. */
public final class ObjectListing extends Spliterators.AbstractSpliterator<ListEntry> {
  /** S3 order: by UTF-8 bytes, which is the order of code points. */
  static final Comparator<String> S3_ORDER =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          int ca = a.codePointAt(i);
          int cb = b.codePointAt(j);
          if (ca != cb) {
            return Integer.compare(ca, cb);
          }
          i += Character.charCount(ca);
          j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
      };

  private final S3Client s3;
  private final String bucket;
  private final ListOptions options;
  private final Deque<ListEntry> buffer = new ArrayDeque<>();
  private String continuationToken;
  private boolean done;

  private ObjectListing(S3Client s3, String bucket, ListOptions options) {
    super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
    this.s3 = s3;
    this.bucket = bucket;
    this.options = options;
  }

  /** The listing; no request is made until the stream is consumed. */
  public static Stream<ListEntry> stream(S3Client s3, String bucket, ListOptions options) {
    return StreamSupport.stream(new ObjectListing(s3, bucket, options), false);
  }

  @Override
  public boolean tryAdvance(Consumer<? super ListEntry> action) {
    while (buffer.isEmpty() && !done) {
      fetch();
    }
    ListEntry e = buffer.poll();
    if (e == null) {
      return false;
    }
    action.accept(e);
    return true;
  }

  private void fetch() {
    ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(bucket).maxKeys(options.pageSize());
    if (options.prefix() != null) {
      req.prefix(options.prefix());
    }
    if (options.delimiter() != null) {
      req.delimiter(options.delimiter());
    }
    if (continuationToken != null) {
      req.continuationToken(continuationToken);
    }
    ListObjectsV2Response page;
    try {
      page = s3.listObjectsV2(req.build());
    } catch (SdkException e) {
      done = true;
      throw Errors.translate(e, "ListObjectsV2 " + bucket, Errors.Context.BUCKET);
    }
    List<ListEntry> entries = new ArrayList<>();
    page.contents()
        .forEach(o -> entries.add(new ObjectSummary(o.key(), o.size() == null ? 0 : o.size(), Errors.unquote(o.eTag()), o.lastModified())));
    page.commonPrefixes().forEach(p -> entries.add(new CommonPrefix(p.prefix())));
    if (!page.commonPrefixes().isEmpty()) {
      entries.sort(Comparator.comparing(ListEntry::key, S3_ORDER));
    }
    buffer.addAll(entries);
    String next = page.nextContinuationToken();
    if (Boolean.TRUE.equals(page.isTruncated()) && next != null && !next.isEmpty() && !next.equals(continuationToken)) {
      continuationToken = next;
    } else {
      done = true;
    }
  }
}
