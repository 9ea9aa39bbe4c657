package io.github.c4gh.allas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.allas.testing.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The client against an in-process S3 server (S3Proxy): everything but bucket policies. */
class AllasClientTest {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();

  static final String PROJECT = "c4c4000000000000000000000200022b";
  static final AtomicInteger COUNTER = new AtomicInteger();
  static AllasClient client;

  @BeforeAll
  static void open() {
    client = S3.newClient();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  static String newBucket() {
    String b = "test-bucket-" + COUNTER.incrementAndGet();
    assertTrue(client.createBucket(b));
    return b;
  }

  static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static String md5Hex(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
  }

  // ---------------------------------------------------------------------------------------------
  // buckets

  @Test
  void createBucketIsIdempotentForTheOwner() {
    String b = newBucket();
    assertFalse(client.createBucket(b));
    assertTrue(client.bucketExists(b));
    assertTrue(client.listBuckets().stream().anyMatch(i -> i.name().equals(b) && i.creationDate() != null));
  }

  @Test
  void createBucketValidatesNames() {
    assertThrows(InvalidBucketNameException.class, () -> client.createBucket("Bad_Name"));
    assertThrows(InvalidBucketNameException.class, () -> client.createBucket("ab"));
    assertFalse(client.bucketExists("never-created-bucket"));
  }

  @Test
  void deleteBucketRefusesNonEmptyBuckets() {
    String b = newBucket();
    client.putObject(b, "k", new byte[] {1});
    BucketNotEmptyException e = assertThrows(BucketNotEmptyException.class, () -> client.deleteBucket(b));
    assertTrue(e.getMessage().contains("objects"), e.getMessage());
    client.deleteObject(b, "k");
    client.deleteBucket(b);
    assertFalse(client.bucketExists(b));
    assertThrows(NoSuchBucketException.class, () -> client.deleteBucket(b));
  }

  @Test
  void deleteBucketRefusesBucketsWithInFlightUploads() {
    String b = newBucket();
    String uploadId = client.s3().createMultipartUpload(r -> r.bucket(b).key("big")).uploadId();
    BucketNotEmptyException e = assertThrows(BucketNotEmptyException.class, () -> client.deleteBucket(b));
    assertTrue(e.getMessage().contains("multipart"), e.getMessage());
    client.s3().abortMultipartUpload(r -> r.bucket(b).key("big").uploadId(uploadId));
    client.deleteBucket(b);
  }

  @Test
  void forcedDeleteRemovesObjectsAndUploadsFirst() {
    String b = newBucket();
    for (int i = 0; i < 7; i++) {
      client.putObject(b, "dir/obj-" + i, new byte[] {(byte) i});
    }
    client.s3().createMultipartUpload(r -> r.bucket(b).key("dir/in-flight"));
    assertEquals(7, client.deleteBucketAndAllObjects(b));
    assertFalse(client.bucketExists(b));
  }

  // ---------------------------------------------------------------------------------------------
  // objects

  @Test
  void putBytesRefusesOverwriteUnlessAsked() throws Exception {
    String b = newBucket();
    byte[] first = "first".getBytes(StandardCharsets.UTF_8);
    String eTag = client.putObject(b, "k", first);
    assertEquals(md5Hex(first), eTag);
    ObjectExistsException e = assertThrows(ObjectExistsException.class, () -> client.putObject(b, "k", new byte[] {9}));
    assertEquals(412, e.statusCode());
    assertArrayEquals(first, client.getObjectBytes(b, "k"));
    byte[] second = "second".getBytes(StandardCharsets.UTF_8);
    assertEquals(md5Hex(second), client.putObject(b, "k", second, PutOptions.builder().overwrite(true).build()));
    assertArrayEquals(second, client.getObjectBytes(b, "k"));
  }

  @Test
  void putFileAndStream(@TempDir Path dir) throws Exception {
    String b = newBucket();
    byte[] data = bytes(300_000, 1);
    Path f = dir.resolve("data.bin");
    Files.write(f, data);
    assertEquals(md5Hex(data), client.putObject(b, "file", f, PutOptions.defaults()));
    assertArrayEquals(data, client.getObjectBytes(b, "file"));
    assertThrows(ObjectExistsException.class, () -> client.putObject(b, "file", f, PutOptions.defaults()));

    assertEquals(md5Hex(data), client.putObject(b, "stream", new ByteArrayInputStream(data), data.length, PutOptions.defaults()));
    assertArrayEquals(data, client.getObjectBytes(b, "stream"));
    assertThrows(ObjectExistsException.class,
        () -> client.putObject(b, "stream", new ByteArrayInputStream(data), data.length, PutOptions.defaults()));
    client.putObject(b, "empty", new byte[0]);
    assertEquals(0, client.headObject(b, "empty").size());
  }

  @Test
  void aMissingFileIsAnIOException(@TempDir Path dir) {
    String b = newBucket();
    assertThrows(IOException.class, () -> client.putObject(b, "k", dir.resolve("missing"), PutOptions.defaults()));
  }

  @Test
  void aFailingCallerStreamIsRethrownAsItsIOException() {
    String b = newBucket();
    IOException boom = new IOException("disk on fire");
    InputStream failing = new InputStream() {
      int n;

      @Override
      public int read() throws IOException {
        if (n++ > 1000) {
          throw boom;
        }
        return 7;
      }
    };
    IOException e = assertThrows(IOException.class,
        () -> client.putObject(b, "k", failing, 100_000, PutOptions.builder().overwrite(true).build()));
    assertSame(boom, e);
    assertFalse(client.objectExists(b, "k"));
  }

  @Test
  void putRefusesWhatASinglePutCannotCarry() {
    assertThrows(IllegalArgumentException.class,
        () -> client.putObject("b-x", "k", InputStream.nullInputStream(), AllasClient.MAX_SINGLE_PUT_BYTES + 1, PutOptions.defaults()));
    assertThrows(IllegalArgumentException.class, () -> client.putObject("b-x", "", new byte[1]));
  }

  @Test
  void contentTypeAndMetadata() {
    String b = newBucket();
    client.putObject(b, "k", new byte[] {1, 2}, PutOptions.builder().contentType("text/plain").metadata("origin", "test").build());
    ObjectInfo info = client.headObject(b, "k");
    assertEquals(b, info.bucket());
    assertEquals("k", info.key());
    assertEquals(2, info.size());
    assertEquals("text/plain", info.contentType());
    assertEquals("test", info.metadata().get("origin"));
    assertTrue(info.lastModified() != null);
  }

  @Test
  void getRangeHeadAndMissingObjects() throws Exception {
    String b = newBucket();
    byte[] data = bytes(100_000, 2);
    client.putObject(b, "data", data);
    try (ResponseInputStream<GetObjectResponse> in = client.getObjectRange(b, "data", 1000, 5000)) {
      assertArrayEquals(java.util.Arrays.copyOfRange(data, 1000, 6000), in.readAllBytes());
      assertEquals(5000L, in.response().contentLength());
    }
    try (InputStream in = client.getObjectRange(b, "data", 99_990, 1000)) {
      assertArrayEquals(java.util.Arrays.copyOfRange(data, 99_990, 100_000), in.readAllBytes());
    }
    try (InputStream in = client.getObject(b, "data")) {
      assertArrayEquals(data, in.readAllBytes());
    }
    ObjectInfo info = client.headObject(b, "data");
    assertEquals(100_000, info.size());
    assertEquals(md5Hex(data), info.eTag());
    assertThrows(IllegalArgumentException.class, () -> client.getObjectRange(b, "data", 0, 0));
    assertThrows(IllegalArgumentException.class, () -> client.getObjectRange(b, "data", -1, 10));

    NoSuchObjectException e = assertThrows(NoSuchObjectException.class, () -> client.getObject(b, "missing"));
    assertEquals(404, e.statusCode());
    assertThrows(NoSuchObjectException.class, () -> client.headObject(b, "missing"));
    assertThrows(NoSuchObjectException.class, () -> client.getObjectBytes(b, "missing"));
    assertFalse(client.objectExists(b, "missing"));
    assertTrue(client.objectExists(b, "data"));
    assertThrows(NoSuchBucketException.class, () -> client.getObject("no-such-bucket-here", "k"));
    assertThrows(NoSuchBucketException.class, () -> client.putObject("no-such-bucket-here", "k", new byte[1]));
  }

  @Test
  void deleteObjectIsIdempotent() {
    String b = newBucket();
    client.putObject(b, "k", new byte[] {1});
    client.deleteObject(b, "k");
    assertFalse(client.objectExists(b, "k"));
    client.deleteObject(b, "k");
  }

  @Test
  void listPagesLazilyWithPrefixAndDelimiter() {
    String b = newBucket();
    List<String> keys = IntStream.range(0, 23).mapToObj(i -> String.format("runs/%02d/out.c4gh", i)).collect(Collectors.toList());
    for (String k : keys) {
      client.putObject(b, k, new byte[] {1});
    }
    client.putObject(b, "runs/readme.txt", new byte[] {1, 2, 3});
    client.putObject(b, "other.txt", new byte[] {1});

    List<String> all = client.list(b, ListOptions.prefix("runs/").withPageSize(5)).map(ListEntry::key).collect(Collectors.toList());
    List<String> expected = new java.util.ArrayList<>(keys);
    expected.add("runs/readme.txt");
    assertEquals(expected, all);

    List<ListEntry> top = client.list(b, ListOptions.prefix("runs/").withDelimiter("/").withPageSize(4)).collect(Collectors.toList());
    assertEquals(24, top.size());
    assertEquals(new CommonPrefix("runs/00/"), top.get(0));
    ObjectSummary readme = (ObjectSummary) top.get(23);
    assertEquals("runs/readme.txt", readme.key());
    assertEquals(3, readme.size());

    assertEquals(List.of("other.txt"),
        client.list(b, ListOptions.all().withDelimiter("/")).filter(e -> e instanceof ObjectSummary).map(ListEntry::key).collect(Collectors.toList()));
    assertEquals(25, client.listObjects(b, null).count());
    assertEquals(1, client.listObjects(b, "runs/07").count());
    assertEquals(0, client.listObjects(b, "nothing/").count());
  }

  @Test
  void listIsLazy() {
    String b = newBucket();
    for (int i = 0; i < 6; i++) {
      client.putObject(b, "k" + i, new byte[] {1});
    }
    Iterator<ListEntry> it = client.list(b, ListOptions.all().withPageSize(2)).iterator();
    assertEquals("k0", it.next().key());
    client.putObject(b, "k5a", new byte[] {1}); // lands on a page not fetched yet
    List<String> rest = new java.util.ArrayList<>();
    it.forEachRemaining(e -> rest.add(e.key()));
    assertEquals(List.of("k1", "k2", "k3", "k4", "k5", "k5a"), rest);
  }

  @Test
  void listOfAMissingBucketFailsWhenConsumed() {
    var stream = client.list("no-such-bucket-to-list", ListOptions.all());
    assertThrows(NoSuchBucketException.class, () -> stream.count());
  }

  @Test
  void copyRefusesOverwriteUnlessAsked() throws Exception {
    String b = newBucket();
    byte[] data = bytes(1000, 3);
    client.putObject(b, "src", data, PutOptions.builder().contentType("text/x-src").build());
    assertEquals(md5Hex(data), client.copyObject(b, "src", b, "dst", PutOptions.defaults()));
    assertArrayEquals(data, client.getObjectBytes(b, "dst"));
    assertEquals("text/x-src", client.headObject(b, "dst").contentType());
    assertThrows(ObjectExistsException.class, () -> client.copyObject(b, "src", b, "dst", PutOptions.defaults()));
    client.copyObject(b, "src", b, "dst", PutOptions.builder().overwrite(true).contentType("text/x-new").build());
    assertEquals("text/x-new", client.headObject(b, "dst").contentType());
    assertThrows(NoSuchObjectException.class, () -> client.copyObject(b, "missing", b, "dst2", PutOptions.defaults()));
  }

  @Test
  void publicReadAndPrivate() throws Exception {
    String b = newBucket();
    client.putObject(b, "dir/a b+c.txt", "hello".getBytes(StandardCharsets.UTF_8));
    URI url = client.publicUrl(b, "dir/a b+c.txt");
    assertEquals(S3.endpoint() + "/" + b + "/dir/a%20b%2Bc.txt", url.toString());
    assertEquals(403, anonymousGet(url).status);
    client.setObjectAcl(b, "dir/a b+c.txt", CannedAcl.PUBLIC_READ);
    Response ok = anonymousGet(url);
    assertEquals(200, ok.status);
    assertEquals("hello", ok.body);
    client.setObjectAcl(b, "dir/a b+c.txt", CannedAcl.PRIVATE);
    assertEquals(403, anonymousGet(url).status);

    client.putObject(b, "born-public", new byte[] {1}, PutOptions.builder().cannedAcl(CannedAcl.PUBLIC_READ).build());
    assertEquals(200, anonymousGet(client.publicUrl(b, "born-public")).status);
    assertThrows(IllegalArgumentException.class, () -> client.setBucketAcl(b, CannedAcl.BUCKET_OWNER_FULL_CONTROL));
    client.setBucketAcl(b, CannedAcl.PRIVATE);
  }

  record Response(int status, String body) {}

  /** A GET without credentials, as a browser would send it. */
  static Response anonymousGet(URI url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
    try {
      int status = c.getResponseCode();
      InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
      String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Response(status, body);
    } finally {
      c.disconnect();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // identity and sharing: S3Proxy has no bucket policies, so only what happens around them

  @Test
  void projectIdIsTheOwnerIdOfListBuckets() {
    String id = client.projectId();
    assertFalse(id.isEmpty());
    assertEquals(client.s3().listBuckets().owner().id(), id); // no tenant on S3Proxy
    assertSame(id, client.projectId());
  }

  @Test
  void sharingOnAServerWithoutPoliciesIsATypedError() {
    String b = newBucket();
    NotSupportedByServerException e =
        assertThrows(NotSupportedByServerException.class, () -> client.share(b, PROJECT, Access.READ));
    assertEquals(501, e.statusCode());
  }

  @Test
  void projectNamesAreRefusedBeforeAnythingHappens() {
    InvalidProjectIdException e =
        assertThrows(InvalidProjectIdException.class, () -> client.makeSharedBucket("never-made-bucket", "project_2000222", "key"));
    assertTrue(e.getMessage().contains("Share ID"), e.getMessage());
    assertFalse(client.bucketExists("never-made-bucket"));
    assertThrows(InvalidProjectIdException.class, () -> client.share("any-bucket", "project_2000222", Access.READ));
    assertThrows(InvalidProjectIdException.class, () -> client.revoke("any-bucket", "project_2000222"));
    assertThrows(InvalidProjectIdException.class, () -> client.share("any-bucket", client.projectId(), Access.READ));
  }

  @Test
  void lifecycleRuleOnAServerWithoutIt() {
    String b = newBucket();
    assertThrows(NotSupportedByServerException.class, () -> client.setAbortIncompleteUploadsRule(b, 7));
  }

  @Test
  void accessorsAndToString() {
    assertEquals(S3.endpoint(), client.endpoint());
    assertEquals("explicit", client.credentialsSource());
    assertSame(client.s3(), client.s3());
    assertFalse(client.toString().contains(S3.secretKey()), client.toString());
    AllasClient other = S3.newClient(b -> b.maxRetries(0));
    assertEquals(0, other.config().maxRetries());
    other.close();
    other.close(); // idempotent
  }
}
