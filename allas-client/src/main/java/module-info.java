/** An S3 client for CSC Allas: configuration discovery, buckets, objects and bucket sharing. */
module io.github.c4gh.allas {
  requires transitive software.amazon.awssdk.services.s3;
  requires software.amazon.awssdk.http.apache;
  requires org.slf4j;

  exports io.github.c4gh.allas;
}
