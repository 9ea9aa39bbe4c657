package io.github.c4gh.bridge;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A loopback HTTP/1.1 forwarder between the SDK and an S3 server that injects faults by rule: it
 * answers 500 or 503 itself, resets the connection in the middle of a request or response body, or
 * stalls (accepts the request and never answers). Everything else is forwarded byte for byte, one
 * request per connection (it asks the server for {@code Connection: close}); the {@code Host}
 * header is kept, so SigV4 signatures stay valid.
 */
final class FaultProxy implements AutoCloseable {
  /** What a rule does to a matching request. */
  enum Kind {
    ERROR,
    RESET_REQUEST_BODY,
    RESET_RESPONSE_BODY,
    /** Reads the request (body included) and never answers. */
    STALL,
    /** Reads only the request head: the sender's body write blocks. */
    STALL_UNREAD
  }

  /** A request as the proxy sees it. */
  record RequestHead(String method, String target, Map<String, String> headers, byte[] raw) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    long contentLength() {
      String v = header("content-length");
      return v == null ? 0 : Long.parseLong(v.trim());
    }

    boolean expectsContinue() {
      String v = header("expect");
      return v != null && v.toLowerCase(Locale.ROOT).contains("100-continue");
    }

    /** UploadPart (not UploadPartCopy). */
    boolean isUploadPart() {
      return method.equals("PUT") && target.contains("partNumber=") && header("x-amz-copy-source") == null;
    }

    boolean isUploadPartCopy() {
      return method.equals("PUT") && target.contains("partNumber=") && header("x-amz-copy-source") != null;
    }

    boolean isGet() {
      return method.equals("GET") && !target.contains("uploads") && !target.contains("list-type") && !target.endsWith("/")
          && target.indexOf('/', 1) > 0;
    }

    boolean isCompleteMultipart() {
      return method.equals("POST") && target.contains("uploadId=");
    }

    boolean isPutObject() {
      return method.equals("PUT") && !target.contains("partNumber=") && !target.contains("?");
    }
  }

  /** A fault for requests matching {@code when}, {@code times} times (-1: always). */
  static final class Rule {
    final Predicate<RequestHead> when;
    final Kind kind;
    final int status;
    final long afterBytes;
    final long stallMillis;
    final AtomicInteger remaining;
    final AtomicInteger hits = new AtomicInteger();

    private Rule(Predicate<RequestHead> when, Kind kind, int status, long afterBytes, long stallMillis, int times) {
      this.when = when;
      this.kind = kind;
      this.status = status;
      this.afterBytes = afterBytes;
      this.stallMillis = stallMillis;
      this.remaining = new AtomicInteger(times);
    }

    static Rule error(Predicate<RequestHead> when, int status, int times) {
      return new Rule(when, Kind.ERROR, status, 0, 0, times);
    }

    static Rule resetRequestBody(Predicate<RequestHead> when, long afterBytes, int times) {
      return new Rule(when, Kind.RESET_REQUEST_BODY, 0, afterBytes, 0, times);
    }

    static Rule resetResponseBody(Predicate<RequestHead> when, long afterBytes, int times) {
      return new Rule(when, Kind.RESET_RESPONSE_BODY, 0, afterBytes, 0, times);
    }

    static Rule stall(Predicate<RequestHead> when, long millis, int times) {
      return new Rule(when, Kind.STALL, 0, 0, millis, times);
    }

    static Rule stallUnread(Predicate<RequestHead> when, long millis, int times) {
      return new Rule(when, Kind.STALL_UNREAD, 0, 0, millis, times);
    }

    boolean take(RequestHead head) {
      if (!when.test(head)) {
        return false;
      }
      while (true) {
        int r = remaining.get();
        if (r == 0) {
          return false;
        }
        if (r < 0 || remaining.compareAndSet(r, r - 1)) {
          hits.incrementAndGet();
          return true;
        }
      }
    }

    int hits() {
      return hits.get();
    }
  }

  private final String upstreamHost;
  private final int upstreamPort;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger faults = new AtomicInteger();
  private final AtomicLong bytesFromClient = new AtomicLong();
  private final AtomicLong bytesToClient = new AtomicLong();
  private volatile boolean closed;

  FaultProxy(URI upstream) throws IOException {
    this.upstreamHost = upstream.getHost();
    this.upstreamPort = upstream.getPort();
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    threads.execute(this::acceptLoop);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  Rule add(Rule rule) {
    rules.add(rule);
    return rule;
  }

  void clearRules() {
    rules.clear();
  }

  int requests() {
    return requests.get();
  }

  int faults() {
    return faults.get();
  }

  long bytesFromClient() {
    return bytesFromClient.get();
  }

  long bytesToClient() {
    return bytesToClient.get();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = server.accept();
        open.add(s);
        threads.execute(() -> handle(s));
      } catch (IOException e) {
        if (!closed) {
          e.printStackTrace();
        }
      }
    }
  }

  private void handle(Socket client) {
    Socket upstream = null;
    try {
      InputStream cin = new BufferedInputStream(client.getInputStream());
      OutputStream cout = client.getOutputStream();
      byte[] rawHead = readHead(cin);
      if (rawHead == null) {
        return;
      }
      RequestHead head = parse(rawHead);
      requests.incrementAndGet();
      bytesFromClient.addAndGet(rawHead.length);
      Rule rule = null;
      for (Rule r : rules) {
        if (r.take(head)) {
          rule = r;
          break;
        }
      }
      if (rule != null) {
        faults.incrementAndGet();
      }
      if (rule != null && rule.kind == Kind.ERROR) {
        if (!head.expectsContinue()) {
          cin.skipNBytes(head.contentLength());
        }
        String reason = rule.status == 503 ? "Service Unavailable" : "Internal Server Error";
        String code = rule.status == 503 ? "SlowDown" : "InternalError";
        byte[] body = head.method().equals("HEAD") ? new byte[0]
            : ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>injected by FaultProxy</Message>"
                + "<RequestId>fault-" + faults.get() + "</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
        String resp = "HTTP/1.1 " + rule.status + " " + reason + "\r\nContent-Type: application/xml\r\nContent-Length: "
            + (head.method().equals("HEAD") ? 0 : body.length) + "\r\nConnection: close\r\n\r\n";
        cout.write(resp.getBytes(StandardCharsets.US_ASCII));
        cout.write(body);
        cout.flush();
        return;
      }
      if (rule != null && (rule.kind == Kind.STALL || rule.kind == Kind.STALL_UNREAD)) {
        if (rule.kind == Kind.STALL) {
          if (head.expectsContinue()) {
            cout.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            cout.flush();
          }
          cin.skipNBytes(head.contentLength());
        }
        long end = System.currentTimeMillis() + rule.stallMillis;
        while (!closed && !client.isClosed() && System.currentTimeMillis() < end) {
          Thread.sleep(20);
        }
        return;
      }
      upstream = new Socket(upstreamHost, upstreamPort);
      OutputStream uout = upstream.getOutputStream();
      uout.write(rewrite(head));
      uout.flush();
      final Socket up = upstream;
      final Rule requestRule = rule != null && rule.kind == Kind.RESET_REQUEST_BODY ? rule : null;
      threads.execute(() -> pumpRequest(cin, client, up, requestRule));
      InputStream uin = new BufferedInputStream(upstream.getInputStream());
      long limit = rule != null && rule.kind == Kind.RESET_RESPONSE_BODY ? rule.afterBytes : -1;
      if (limit >= 0) {
        // forward interim 1xx answers and the final head, then only `limit` body bytes
        while (true) {
          byte[] rh = readHead(uin);
          if (rh == null) {
            return;
          }
          cout.write(rh);
          cout.flush();
          bytesToClient.addAndGet(rh.length);
          String status = new String(rh, 0, Math.min(rh.length, 12), StandardCharsets.US_ASCII);
          if (!status.startsWith("HTTP/1.1 1")) {
            break;
          }
        }
        copy(uin, cout, limit, bytesToClient);
        reset(client);
        return;
      }
      copy(uin, cout, Long.MAX_VALUE, bytesToClient);
    } catch (IOException e) {
      // a client or server that went away: nothing to do
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(upstream);
      closeQuietly(client);
      open.remove(client);
    }
  }

  private void pumpRequest(InputStream cin, Socket client, Socket upstream, Rule rule) {
    try {
      OutputStream uout = upstream.getOutputStream();
      if (rule != null) {
        copy(cin, uout, rule.afterBytes, bytesFromClient);
        reset(client);
        closeQuietly(upstream);
        return;
      }
      copy(cin, uout, Long.MAX_VALUE, bytesFromClient);
    } catch (IOException e) {
      // connection closed
    }
  }

  private static void copy(InputStream in, OutputStream out, long limit, AtomicLong counter) throws IOException {
    byte[] buf = new byte[16 * 1024];
    long left = limit;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        break;
      }
      out.write(buf, 0, n);
      out.flush();
      counter.addAndGet(n);
      left -= n;
    }
  }

  private static void reset(Socket s) {
    try {
      s.setSoLinger(true, 0);
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }

  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int state = 0;
    while (true) {
      int c;
      try {
        c = in.read();
      } catch (SocketException e) {
        return null;
      }
      if (c < 0) {
        return b.size() == 0 ? null : b.toByteArray();
      }
      b.write(c);
      state = switch (state) {
        case 0, 2 -> c == '\r' ? state + 1 : 0;
        case 1 -> c == '\n' ? 2 : 0;
        case 3 -> c == '\n' ? 4 : 0;
        default -> 0;
      };
      if (state == 4) {
        return b.toByteArray();
      }
      if (b.size() > 256 * 1024) {
        throw new IOException("request head too large");
      }
    }
  }

  private static RequestHead parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r\n");
    String[] first = lines[0].split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    return new RequestHead(first[0], first.length > 1 ? first[1] : "/", headers, raw);
  }

  private static byte[] rewrite(RequestHead head) {
    String text = new String(head.raw(), StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r\n");
    List<String> out = new ArrayList<>();
    out.add(lines[0]);
    for (int i = 1; i < lines.length; i++) {
      String lower = lines[i].toLowerCase(Locale.ROOT);
      if (lines[i].isEmpty() || lower.startsWith("connection:") || lower.startsWith("keep-alive:")) {
        continue;
      }
      out.add(lines[i]);
    }
    out.add("Connection: close");
    return (String.join("\r\n", out) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void closeQuietly(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // ignore
      }
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : open) {
      closeQuietly(s);
    }
    threads.shutdownNow();
  }
}
