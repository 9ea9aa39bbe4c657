package io.github.c4gh.bridge;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** SDK clients for tests, configured as AllasClient configures its own, with a {@link RequestLog}. */
final class TestS3 {
  private TestS3() {}

  static S3Client client(URI endpoint, String accessKey, String secretKey, RequestLog log) {
    return client(endpoint, accessKey, secretKey, log, Duration.ofSeconds(60), 4);
  }

  /**
   * @param sdkAttempts attempts of the SDK's own retry strategy (1 = no SDK retry)
   */
  static S3Client client(URI endpoint, String accessKey, String secretKey, RequestLog log, Duration socketTimeout, int sdkAttempts) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(socketTimeout).connectionTimeout(Duration.ofSeconds(5)))
        .overrideConfiguration(o -> {
          o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(sdkAttempts).build());
          if (log != null) {
            o.addExecutionInterceptor(log);
          }
        })
        .build();
  }
}
