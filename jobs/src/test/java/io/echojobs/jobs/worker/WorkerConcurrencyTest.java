package io.echojobs.jobs.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.actor.ActorOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerConcurrencyTest {

  private final Jobs jobs = Jobs.builder().build();
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeJobs() {
    jobs.close();
  }

  @Test
  void aThousandNetworkMessagesBlockedOnIoAllRunAtTheSameMomentWhileTheCpuActorRunsAlone()
      throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    AtomicInteger cpuRunning = new AtomicInteger();
    AtomicInteger cpuPeak = new AtomicInteger();
    Set<String> cpuThreads = ConcurrentHashMap.newKeySet();
    AtomicInteger cpuDone = new AtomicInteger();
    try (ServerSocket server = new ServerSocket(0, 2000, InetAddress.getLoopbackAddress())) {
      Thread acceptor = Thread.ofVirtual().start(() -> acceptForever(server));
      Actor<Fetch> fetch =
          jobs.declare(
              ActorOptions.builder("fetch").queue("network").build(),
              Fetch.class,
              args -> {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                try (Socket socket = new Socket(server.getInetAddress(), server.getLocalPort());
                    InputStream in = socket.getInputStream()) {
                  in.read(); // blocks until the server answers: real blocking I/O
                } finally {
                  running.decrementAndGet();
                }
              });
      Actor<Crunch> crunch =
          jobs.declareWithResult(
              ActorOptions.builder("crunch").queue("cpu").build(),
              Crunch.class,
              args -> {
                cpuPeak.accumulateAndGet(cpuRunning.incrementAndGet(), Math::max);
                assertThat(Thread.currentThread().isVirtual()).isFalse();
                cpuThreads.add(Thread.currentThread().getName());
                long sum = 0;
                for (int i = 0; i < 2_000_000; i++) {
                  sum += i % 7;
                }
                cpuRunning.decrementAndGet();
                cpuDone.incrementAndGet();
                return sum;
              });
      WorkerOptions options =
          WorkerOptions.builder()
              .queue("network", Pool.NETWORK, 1000)
              .queue("cpu", Pool.CPU, 1)
              .build();

      try (Worker worker = jobs.startWorker(options)) {
        for (int i = 0; i < 1000; i++) {
          fetch.send(new Fetch(i));
        }
        for (int i = 0; i < 20; i++) {
          crunch.send(new Crunch(i));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> running.get() == 1000);
        assertThat(peak.get()).isEqualTo(1000);
        await().atMost(Duration.ofSeconds(60)).until(() -> cpuDone.get() == 20);

        answerAll();
        await().atMost(Duration.ofSeconds(60)).until(() -> worker.processed() == 1020);
      }
      acceptor.interrupt();
    }

    assertThat(cpuPeak.get()).isEqualTo(1);
    assertThat(cpuThreads).hasSize(1);
    assertThat(cpuThreads.iterator().next()).startsWith("echo-jobs-cpu-");
    assertThat(jobs.broker().figures("network").dead()).isZero();
    assertThat(jobs.broker().figures("cpu").dead()).isZero();
  }

  private void acceptForever(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        accepted.add(server.accept());
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void answerAll() throws IOException {
    await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() == 1000);
    for (Socket socket : accepted) {
      socket.getOutputStream().write(1);
      socket.close();
    }
  }

  record Fetch(int number) {}

  record Crunch(int number) {}
}
