package io.github.c4gh.htsjdk;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * An SDK {@link ExecutionInterceptor} that records every HTTP attempt of an S3 client: operation,
 * {@code Range} header and response body bytes (its {@code Content-Length}).
 */
final class GetLog implements ExecutionInterceptor {
  /** One HTTP attempt. */
  record Entry(String operation, String range, int status, long receivedBytes) {}

  private final List<Entry> entries = new ArrayList<>();

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    var req = context.httpRequest();
    var resp = context.httpResponse();
    long received = "HEAD".equals(req.method().name()) ? 0 : resp.firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(0L);
    Entry e = new Entry(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), req.firstMatchingHeader("Range").orElse(null),
        resp.statusCode(), received);
    synchronized (this) {
      entries.add(e);
    }
  }

  synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** GetObject attempts since the last clear. */
  synchronized long gets() {
    return entries.stream().filter(e -> "GetObject".equals(e.operation())).count();
  }

  /** Response body bytes of the GetObject attempts since the last clear. */
  synchronized long getBytes() {
    return entries.stream().filter(e -> "GetObject".equals(e.operation())).mapToLong(Entry::receivedBytes).sum();
  }

  synchronized void clear() {
    entries.clear();
  }

  @Override
  public synchronized String toString() {
    StringBuilder b = new StringBuilder();
    for (Entry e : entries) {
      b.append(e.operation()).append(' ').append(e.status()).append(e.range() == null ? "" : " " + e.range())
          .append(" received=").append(e.receivedBytes()).append('\n');
    }
    return b.toString();
  }
}
