package io.echojobs.jobs.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.echojobs.jobs.Backend;
import io.echojobs.jobs.broker.Envelope;
import io.echojobs.jobs.testing.RedisServerProcess;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** URL credentials and database reach the server: an ACL user, a wrong password, database 3. */
class RedisConnectionsTest {

  private static RedisServerProcess redis;

  @BeforeAll
  static void startWithAclUser() {
    redis = RedisServerProcess.start();
    RedisClient admin = RedisClient.create(redis.url());
    try (StatefulRedisConnection<String, String> connection = admin.connect()) {
      connection
          .sync()
          .aclSetuser(
              "jobs",
              AclSetuserArgs.Builder.on()
                  .addPassword("s3cret")
                  .allKeys()
                  .allChannels()
                  .allCommands());
    } finally {
      admin.shutdown();
    }
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  @Test
  void anAclUserFromTheUrlWritesIntoTheDatabaseOfTheUrl() {
    String url = "redis://jobs:s3cret@127.0.0.1:" + redis.port() + "/3";

    try (Backend backend = RedisBackend.connect(url)) {
      backend.broker().enqueue(new Envelope("m1", "acl", 0, null, null, new byte[] {1}));
    }

    RedisClient reader = RedisClient.create(redis.url() + "/3");
    try (StatefulRedisConnection<String, String> connection = reader.connect()) {
      RedisCommands<String, String> db3 = connection.sync();
      assertThat(db3.hexists(QueueKeys.of("ej", "acl")[3], "m1")).isTrue();
      assertThat(db3.sismember(QueueKeys.queueNames("ej"), "acl")).isTrue();
    } finally {
      reader.shutdown();
    }
  }

  @Test
  void aWrongPasswordFailsAtConnect() {
    String url = "redis://jobs:wrong@127.0.0.1:" + redis.port();

    assertThatThrownBy(
            () ->
                RedisBackend.connect(
                    RedisSettings.builder(url).commandTimeout(Duration.ofSeconds(2)).build()))
        .isInstanceOf(RedisException.class);
  }
}
