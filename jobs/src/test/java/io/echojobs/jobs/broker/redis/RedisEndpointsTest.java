package io.echojobs.jobs.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import org.junit.jupiter.api.Test;

class RedisEndpointsTest {

  @Test
  void aPlainUrlCarriesTheAclUserPasswordAndDatabase() {
    RedisEndpoints endpoints = RedisEndpoints.parse("redis://jobs:s3cret@cache.local:6380/4");

    RedisURI uri = endpoints.nodes().getFirst();
    assertThat(endpoints.cluster()).isFalse();
    assertThat(uri.getHost()).isEqualTo("cache.local");
    assertThat(uri.getPort()).isEqualTo(6380);
    assertThat(uri.getDatabase()).isEqualTo(4);
    assertThat(credentials(uri).getUsername()).isEqualTo("jobs");
    assertThat(credentials(uri).getPassword()).containsExactly("s3cret".toCharArray());
    assertThat(uri.isSsl()).isFalse();
  }

  @Test
  void aTlsUrlVerifiesTheServerByDefault() {
    RedisURI uri = RedisEndpoints.parse("rediss://managed.example:25061").nodes().getFirst();

    assertThat(uri.isSsl()).isTrue();
    assertThat(uri.getVerifyMode()).isEqualTo(SslVerifyMode.FULL);
  }

  @Test
  void aClusterUrlListsEverySeedNodeWithTheSameCredentialsAndTls() {
    RedisEndpoints endpoints =
        RedisEndpoints.parse("rediss-cluster://jobs:pw@node-a:7000,node-b:7001,node-c:7002");

    assertThat(endpoints.cluster()).isTrue();
    assertThat(endpoints.nodes())
        .extracting(RedisURI::getHost)
        .containsExactly("node-a", "node-b", "node-c");
    assertThat(endpoints.nodes()).extracting(RedisURI::getPort).containsExactly(7000, 7001, 7002);
    assertThat(endpoints.nodes()).allSatisfy(node -> assertThat(node.isSsl()).isTrue());
    assertThat(endpoints.nodes())
        .allSatisfy(node -> assertThat(credentials(node).getUsername()).isEqualTo("jobs"));
  }

  @Test
  void aClusterUrlWithADatabaseIsRefused() {
    assertThatThrownBy(() -> RedisEndpoints.parse("redis-cluster://a:7000,b:7001/3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("database");
  }

  @Test
  void anUnknownSchemeIsRefusedWithoutShowingThePassword() {
    assertThatThrownBy(() -> RedisEndpoints.parse("memcached://user:hunter2@host:11211"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown scheme")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void redactHidesOnlyThePassword() {
    assertThat(RedisEndpoints.redact("redis://jobs:s3cret@host:6379/1"))
        .isEqualTo("redis://jobs:***@host:6379/1");
    assertThat(RedisEndpoints.redact("redis://host:6379")).isEqualTo("redis://host:6379");
  }

  @Test
  void theServerVersionIsReadFromInfoForRedisAndValkey() {
    assertThat(ServerChecks.serverVersion("# Server\r\nredis_version:7.0.15\r\nos:Linux\r\n"))
        .isEqualTo("7.0.15");
    assertThat(
            ServerChecks.serverVersion(
                "# Server\r\nredis_version:7.2.4\r\nvalkey_version:8.0.1\r\n"))
        .isEqualTo("valkey 8.0.1");
  }

  private static RedisCredentials credentials(RedisURI uri) {
    return uri.getCredentialsProvider().resolveCredentials().block();
  }
}
