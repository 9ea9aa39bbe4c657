package io.github.c4gh.examples;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Counts the GetObject requests made through an {@link S3Client}, to show how little a seekable
 * read fetches: wrap the client, give the wrapper to {@code AllasCrypt4gh.create(S3Client)}.
 *
 * <pre>{@code
 * CountingS3 counting = CountingS3.wrap(allas.s3());
 * AllasCrypt4gh bridge = AllasCrypt4gh.create(counting.client());
 * ...
 * System.out.println(counting.getObjectRequests() + " ranged GETs");
 * }</pre>
 */
public final class CountingS3 {
  private final S3Client client;
  private final AtomicInteger gets = new AtomicInteger();

  private CountingS3(S3Client delegate) {
    this.client =
        (S3Client)
            Proxy.newProxyInstance(
                S3Client.class.getClassLoader(),
                new Class<?>[] {S3Client.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("getObject")) {
                    gets.incrementAndGet();
                  }
                  try {
                    return method.invoke(delegate, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
  }

  /**
   * Wraps a client (which stays the caller's to close).
   *
   * @param delegate the client that does the work
   * @return the counter
   */
  public static CountingS3 wrap(S3Client delegate) {
    return new CountingS3(delegate);
  }

  /**
   * The counting client.
   *
   * @return the client
   */
  public S3Client client() {
    return client;
  }

  /**
   * GetObject requests made so far.
   *
   * @return the count
   */
  public int getObjectRequests() {
    return gets.get();
  }

  /** Starts counting from zero again. */
  public void reset() {
    gets.set(0);
  }
}
