package io.echojobs.echo.demo;

import io.echojobs.echo.app.ConversationService;
import io.echojobs.echo.app.EchoApplication;
import io.echojobs.echo.storage.Conversation;
import io.echojobs.echo.storage.NewProject;
import io.echojobs.echo.storage.Project;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The demo, on whatever the application was started with (the embedded default: in-memory
 * broker, embedded PostgreSQL, offline providers): creates a project with a dozen text
 * conversations of several chunks, finishes them, follows them through the pipeline with a
 * progress bar per stage, and prints a table and a last line saying how many converged.
 */
public final class DemoRun {

  private static final int BAR_WIDTH = 30;
  private static final Duration POLL = Duration.ofMillis(100);

  private final EchoApplication application;
  private final PrintStream out;

  public DemoRun(EchoApplication application, PrintStream out) {
    this.application = application;
    this.out = out;
  }

  /** Runs the demo; returns how many conversations ended summarized. */
  public int run(int conversations, int chunks, Duration timeout) throws InterruptedException {
    ConversationService service = application.conversations();
    Project project = service.createProject(
        new NewProject("Neighbourhood consultation", "en", DemoScript.KEY_TERMS, true));
    List<UUID> ids = new ArrayList<>();
    Instant spoken = Instant.now();
    for (int c = 0; c < conversations; c++) {
      UUID id = service.createConversation(project.id(), "participant " + (c + 1)).id();
      ids.add(id);
      List<String> texts = DemoScript.chunksOf(c, chunks);
      for (int i = 0; i < texts.size(); i++) {
        service.addTextChunk(id, texts.get(i), spoken.plusSeconds(i * 30L));
      }
    }
    out.printf("project %s: %d conversations of %d text chunks stored%n",
        project.id(), conversations, chunks);
    for (UUID id : ids) {
      service.finish(id);
    }
    Stages last = follow(ids, timeout);
    printTable(ids);
    return last.summarized();
  }

  private Stages follow(List<UUID> ids, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Stages stages = Stages.of(application, ids);
    String shown = "";
    boolean terminal = System.console() != null;
    while (true) {
      String bars = stages.bars(ids.size());
      if (!bars.equals(shown)) {
        if (terminal && !shown.isEmpty()) {
          out.print("\033[" + Stages.LINES + "A"); // redraw the bars in place
        }
        out.print(bars);
        shown = bars;
      }
      boolean done = stages.summarized() == ids.size() && stages.merged() == ids.size();
      if (done || System.nanoTime() > deadline) {
        return stages;
      }
      Thread.sleep(POLL); // a progress display polling the database, not a synchronisation
      stages = Stages.of(application, ids);
    }
  }

  private void printTable(List<UUID> ids) {
    out.printf("%n%-10s %6s %8s %11s %10s  %s%n",
        "convers.", "chunks", "finished", "transcribed", "summarized", "summary");
    for (UUID id : ids) {
      ConversationService.ConversationView view = application.conversations().view(id);
      Conversation c = view.conversation();
      out.printf("%-10s %6d %8s %11s %10s  %s%n",
          id.toString().substring(0, 8),
          view.chunks().total(),
          yes(c.finished()),
          yes(c.allChunksTranscribed()),
          yes(c.summarized()),
          c.summarized() ? shorten(c.summary(), 70) : "");
    }
    out.println();
  }

  private static String yes(boolean value) {
    return value ? "yes" : "no";
  }

  private static String shorten(String text, int max) {
    String line = text.replace('\n', ' ');
    return line.length() <= max ? line : line.substring(0, max - 1) + "…";
  }

  /** How many of the demo's conversations reached each stage. */
  private record Stages(int finished, int transcribed, int merged, int summarized) {

    static final int LINES = 4;

    static Stages of(EchoApplication application, List<UUID> ids) {
      int finished = 0;
      int transcribed = 0;
      int merged = 0;
      int summarized = 0;
      for (UUID id : ids) {
        Conversation c = application.storage().conversations().find(id).orElseThrow();
        finished += c.finished() ? 1 : 0;
        transcribed += c.allChunksTranscribed() ? 1 : 0;
        merged += c.mergedTranscript() != null ? 1 : 0;
        summarized += c.summarized() ? 1 : 0;
      }
      return new Stages(finished, transcribed, merged, summarized);
    }

    String bars(int total) {
      return String.format(Locale.ROOT, "%s%s%s%s",
          bar("finished", finished, total), bar("transcribed", transcribed, total),
          bar("merged", merged, total), bar("summarized", summarized, total));
    }

    private static String bar(String stage, int done, int total) {
      int filled = total == 0 ? BAR_WIDTH : done * BAR_WIDTH / total;
      return String.format(Locale.ROOT, "  %-12s [%s%s] %2d/%d%n", stage,
          "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), done, total);
    }
  }
}
