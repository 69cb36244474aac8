package io.echojobs.jobs.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import io.echojobs.jobs.Backend;
import io.echojobs.jobs.group.GroupProgress;
import io.echojobs.jobs.group.GroupStore;
import io.echojobs.jobs.group.MemberOutcome;
import io.echojobs.jobs.results.ResultStore;
import io.echojobs.jobs.results.ResultTimeoutException;
import io.echojobs.jobs.results.StoredResult;
import io.echojobs.jobs.testing.TestRedis;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisStoresTest {

  private static final Duration TTL = Duration.ofMinutes(5);

  private String prefix;
  private Backend backend;
  private ResultStore results;
  private GroupStore groups;

  @BeforeEach
  void connect() {
    prefix = TestRedis.newPrefix("stores");
    backend =
        RedisBackend.connect(RedisSettings.builder(TestRedis.url()).keyPrefix(prefix).build());
    results = backend.results();
    groups = backend.groups();
  }

  @AfterEach
  void disconnect() {
    backend.close();
    TestRedis.deleteKeys(prefix);
  }

  @Test
  void aStoredResultIsFoundAndAwaited() throws Exception {
    StoredResult result = new StoredResult.Success(IntNode.valueOf(42));
    CompletableFuture<StoredResult> awaited =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return results.await("m1", Duration.ofSeconds(20));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });

    results.store("m1", result, TTL);

    assertThat(results.find("m1")).contains(result);
    assertThat(awaited.get(20, TimeUnit.SECONDS)).isEqualTo(result);
  }

  @Test
  void aFailureIsStoredAsAnError() {
    StoredResult failure = new StoredResult.Failure("java.io.IOException", "disk on fire");

    results.store("m1", failure, TTL);

    assertThat(results.find("m1")).contains(failure);
  }

  @Test
  void awaitingAMissingResultTimesOut() {
    assertThatThrownBy(() -> results.await("nobody", Duration.ofMillis(100)))
        .isInstanceOf(ResultTimeoutException.class);
  }

  @Test
  void theMemberThatCompletesAGroupClaimsItOnceAndAgainWhenRedelivered() {
    GroupProgress first = groups.record("g1", "a", MemberOutcome.SUCCEEDED, 2, TTL);
    GroupProgress last = groups.record("g1", "b", MemberOutcome.FAILED, 2, TTL);
    GroupProgress redeliveredFirst = groups.record("g1", "a", MemberOutcome.FAILED, 2, TTL);
    GroupProgress redeliveredLast = groups.record("g1", "b", MemberOutcome.FAILED, 2, TTL);

    assertThat(first.completionClaimed()).isFalse();
    assertThat(first.isComplete()).isFalse();
    assertThat(last.completionClaimed()).isTrue();
    assertThat(last.succeeded()).isEqualTo(1);
    assertThat(last.failed()).isEqualTo(1);
    assertThat(redeliveredFirst.completionClaimed()).isFalse();
    assertThat(redeliveredFirst.outcomes()).containsEntry("a", MemberOutcome.SUCCEEDED);
    assertThat(redeliveredLast.completionClaimed()).isTrue();
  }

  @Test
  void noMemberClaimsAGroupWhoseCallbacksWereSent() {
    groups.record("g1", "a", MemberOutcome.SUCCEEDED, 1, TTL);

    groups.completionSent("g1");

    assertThat(groups.record("g1", "a", MemberOutcome.SUCCEEDED, 1, TTL).completionClaimed())
        .isFalse();
  }
}
