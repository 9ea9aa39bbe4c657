package io.github.c4gh.benchmarks;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * S3Proxy (transient in-memory store, SigV4) as a process of its own, for transfer benchmarks
 * whose server must not share the client's JVM: {@code benchmarks/transfer-over-link.sh} runs it in
 * a network namespace behind a rate-limited link. Usage: {@code S3ProxyServer HOST PORT}, with the
 * credentials in the environment variables {@code C4GH_IT_OWNER_ACCESS_KEY} and {@code
 * C4GH_IT_OWNER_SECRET_KEY}. Prints one line when it serves, then runs until its standard input
 * ends or it is terminated.
 */
public final class S3ProxyServer {
  private S3ProxyServer() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: S3ProxyServer HOST PORT  (credentials in C4GH_IT_OWNER_ACCESS_KEY, C4GH_IT_OWNER_SECRET_KEY)");
      System.exit(2);
    }
    String access = System.getenv("C4GH_IT_OWNER_ACCESS_KEY");
    String secret = System.getenv("C4GH_IT_OWNER_SECRET_KEY");
    if (access == null || secret == null) {
      System.err.println("C4GH_IT_OWNER_ACCESS_KEY and C4GH_IT_OWNER_SECRET_KEY must be set");
      System.exit(2);
    }
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    BlobStore store = new TransientNio2BlobStore();
    S3Proxy proxy = S3Target.startProxy(store, URI.create("http://" + args[0] + ":" + Integer.parseInt(args[1])), access, secret);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        proxy.stop();
      } catch (Exception e) {
        // exiting anyway
      }
    }));
    System.out.println("S3Proxy serving at http://" + args[0] + ":" + proxy.getPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the end of standard input
    }
    proxy.stop();
    store.close();
  }
}
