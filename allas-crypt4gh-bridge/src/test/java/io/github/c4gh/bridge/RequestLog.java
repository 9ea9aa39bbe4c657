package io.github.c4gh.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * An SDK {@link ExecutionInterceptor} that records every HTTP attempt: operation, range, request
 * body bytes and response body bytes (from the {@code Content-Length} headers).
 */
final class RequestLog implements ExecutionInterceptor {
  /**
   * One attempt. {@code sentBytes} is the request's {@code Content-Length} (on the wire, including
   * aws-chunked signatures); {@code payloadBytes} the object bytes it carried.
   */
  record Entry(String operation, String method, String range, String copySourceRange, long sentBytes, long payloadBytes, int status,
      long receivedBytes, java.util.Map<String, List<String>> requestHeaders) {}

  private static final ExecutionAttribute<Entry> PENDING = new ExecutionAttribute<>("c4gh-test-request");

  private final List<Entry> entries = new ArrayList<>();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    var req = context.httpRequest();
    long sent = req.firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(0L);
    long payload = req.firstMatchingHeader("x-amz-decoded-content-length").map(Long::parseLong).orElse(sent);
    Entry e = new Entry(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), req.method().name(),
        req.firstMatchingHeader("Range").orElse(null), req.firstMatchingHeader("x-amz-copy-source-range").orElse(null), sent, payload, 0,
        0, req.headers());
    attributes.putAttribute(PENDING, e);
    synchronized (this) {
      entries.add(e);
    }
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    Entry e = attributes.getAttribute(PENDING);
    var r = context.httpResponse();
    long received = "HEAD".equals(e.method()) ? 0 : r.firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(0L);
    Entry done = new Entry(e.operation(), e.method(), e.range(), e.copySourceRange(), e.sentBytes(), e.payloadBytes(), r.statusCode(),
        received, e.requestHeaders());
    synchronized (this) {
      int i = entries.lastIndexOf(e);
      if (i >= 0) {
        entries.set(i, done);
      }
    }
  }

  synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  synchronized List<Entry> entries(String operation) {
    return entries.stream().filter(e -> operation.equals(e.operation())).toList();
  }

  synchronized long count(String operation) {
    return entries(operation).size();
  }

  synchronized long sentBytes(Predicate<Entry> which) {
    return entries.stream().filter(which).mapToLong(Entry::sentBytes).sum();
  }

  synchronized long payloadBytes(Predicate<Entry> which) {
    return entries.stream().filter(which).mapToLong(Entry::payloadBytes).sum();
  }

  synchronized long receivedBytes(Predicate<Entry> which) {
    return entries.stream().filter(which).mapToLong(Entry::receivedBytes).sum();
  }

  synchronized void clear() {
    entries.clear();
  }

  @Override
  public synchronized String toString() {
    StringBuilder b = new StringBuilder();
    for (Entry e : entries) {
      b.append(e.operation()).append(' ').append(e.status()).append(e.range() == null ? "" : " " + e.range())
          .append(e.copySourceRange() == null ? "" : " copy " + e.copySourceRange()).append(" sent=").append(e.sentBytes())
          .append(" payload=").append(e.payloadBytes())
          .append(" received=").append(e.receivedBytes()).append('\n');
    }
    return b.toString();
  }
}
