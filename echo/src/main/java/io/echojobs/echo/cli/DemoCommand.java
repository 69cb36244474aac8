package io.echojobs.echo.cli;

import io.echojobs.echo.demo.DemoActors;
import io.echojobs.echo.demo.DemoActors.DocumentSummary;
import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.worker.Pool;
import io.echojobs.jobs.worker.Worker;
import io.echojobs.jobs.worker.WorkerOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./echo-jobs demo}: on the embedded default (in-memory broker, one JVM) sends a dozen
 * documents through a fan-out and fan-in of jobs, prints a table of what each produced, and
 * exits non-zero if any document did not complete.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run the embedded demo: documents fan out to chunk jobs and fan in per document.")
final class DemoCommand implements Callable<Integer> {

  private static final String[] SAMPLE_SENTENCES = {
    "The participants discussed how the neighbourhood garden should be shared between families.",
    "Several people asked for longer opening hours at the library during the exam period.",
    "Traffic around the school remains the most mentioned concern of the evening session.",
    "Volunteers offered to organise a repair cafe once a month in the community centre.",
    "Young people want a safe place to meet that is not a shop or a street corner.",
    "The council promised to publish the summary of this conversation within two weeks.",
  };

  @Option(names = "--documents", defaultValue = "12", description = "Documents to process.")
  int documents;

  @Option(names = "--chunks", defaultValue = "8", description = "Chunks per document.")
  int chunks;

  @Option(names = "--timeout", defaultValue = "PT60S", description = "Give up after this long.")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    long started = System.nanoTime();
    try (Jobs jobs = Jobs.builder().build()) {
      DemoActors demo = DemoActors.declare(jobs);
      WorkerOptions options =
          WorkerOptions.builder()
              .queue("network", Pool.NETWORK, 200)
              .queue("cpu", Pool.CPU, 1)
              .shutdownGrace(Duration.ofSeconds(5))
              .build();
      try (Worker worker = jobs.startWorker(options)) {
        for (int d = 0; d < documents; d++) {
          demo.send(jobs, "doc-%02d".formatted(d + 1), chunksOf(d));
        }
        out.printf("sent %d documents of %d chunks to the in-memory broker%n", documents, chunks);
        awaitSummaries(demo, out);
      }
      printTable(out, demo);
      double seconds = (System.nanoTime() - started) / 1e9;
      int done = demo.summaries().size();
      out.printf("%d of %d documents summarized in %.1f s%n", done, documents, seconds);
      return done == documents ? 0 : 1;
    }
  }

  private List<String> chunksOf(int document) {
    List<String> texts = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      texts.add(SAMPLE_SENTENCES[(document + c) % SAMPLE_SENTENCES.length]);
    }
    return texts;
  }

  private void awaitSummaries(DemoActors demo, PrintStream out) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int shown = -1;
    while (demo.summaries().size() < documents && System.nanoTime() < deadline) {
      int done = demo.summaries().size();
      if (done != shown) {
        out.printf("  merged %s%n", bar(done, documents));
        shown = done;
      }
      Thread.sleep(20); // polling a progress display, not synchronising a test
    }
    out.printf("  merged %s%n", bar(demo.summaries().size(), documents));
  }

  private static String bar(int done, int total) {
    int width = 30;
    int filled = total == 0 ? width : done * width / total;
    return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total;
  }

  private static void printTable(PrintStream out, DemoActors demo) {
    out.printf("%n%-8s %6s %6s %6s  %s%n", "document", "chunks", "failed", "words", "top words");
    demo.summaries().values().stream()
        .sorted(Comparator.comparing(DocumentSummary::documentId))
        .forEach(s -> out.printf("%-8s %6d %6d %6d  %s%n",
            s.documentId(), s.chunks(), s.failedChunks(), s.words(), s.topWords()));
    out.println();
  }
}
