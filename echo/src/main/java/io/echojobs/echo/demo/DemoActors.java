package io.echojobs.echo.demo;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.group.GroupCompletion;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The runtime demo's actors: each document is split into chunks, every chunk's words are counted
 * on the network queue (one group per document), and when the group completes the document's
 * counts are merged on the cpu queue. It exercises groups, both pools and priorities until the
 * conversation pipeline (issue 5) replaces it.
 */
public final class DemoActors {

  public static final String COUNT_WORDS = "demo_count_words";
  public static final String MERGE_DOCUMENT = "demo_merge_document";

  private final Map<String, Map<Integer, Map<String, Integer>>> chunkCounts =
      new ConcurrentHashMap<>();
  private final Map<String, DocumentSummary> summaries = new ConcurrentHashMap<>();
  private final Map<String, String> documentByGroup = new ConcurrentHashMap<>();
  private final Actor<ChunkText> countWords;
  private final Actor<GroupCompletion> mergeDocument;

  private DemoActors(Jobs jobs) {
    countWords =
        jobs.declare(
            ActorOptions.builder(COUNT_WORDS).queue("network").priority(0).build(),
            ChunkText.class,
            this::countWords);
    mergeDocument =
        jobs.declare(
            ActorOptions.builder(MERGE_DOCUMENT).queue("cpu").priority(10).build(),
            GroupCompletion.class,
            this::mergeDocument);
  }

  public static DemoActors declare(Jobs jobs) {
    return new DemoActors(jobs);
  }

  /** Sends one document as a group of chunk messages; returns the group id. */
  public String send(Jobs jobs, String documentId, List<String> chunks) {
    chunkCounts.put(documentId, new ConcurrentHashMap<>());
    var messages =
        java.util.stream.IntStream.range(0, chunks.size())
            .mapToObj(i -> countWords.message(new ChunkText(documentId, i, chunks.get(i))))
            .toList();
    String groupId = jobs.group(messages).onCompletion(mergeDocument).send();
    documentByGroup.put(groupId, documentId);
    return groupId;
  }

  public Map<String, DocumentSummary> summaries() {
    return summaries;
  }

  public int chunksCounted(String documentId) {
    return chunkCounts.getOrDefault(documentId, Map.of()).size();
  }

  private void countWords(ChunkText chunk) {
    Map<String, Integer> counts = new HashMap<>();
    Arrays.stream(chunk.text().toLowerCase(Locale.ROOT).split("[^\\p{L}']+"))
        .filter(word -> word.length() > 3)
        .forEach(word -> counts.merge(word, 1, Integer::sum));
    chunkCounts
        .computeIfAbsent(chunk.documentId(), id -> new ConcurrentHashMap<>())
        .put(chunk.index(), counts);
  }

  private void mergeDocument(GroupCompletion completion) {
    String documentId = documentByGroup.get(completion.groupId());
    if (documentId == null) {
      throw new IllegalStateException("no document for group " + completion.groupId());
    }
    Map<String, Integer> total = new HashMap<>();
    chunkCounts.getOrDefault(documentId, Map.of()).values()
        .forEach(counts -> counts.forEach((word, n) -> total.merge(word, n, Integer::sum)));
    String topWords =
        total.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey()))
            .limit(3)
            .map(e -> e.getKey() + "×" + e.getValue())
            .collect(Collectors.joining(", "));
    int words = total.values().stream().mapToInt(Integer::intValue).sum();
    summaries.put(
        documentId,
        new DocumentSummary(
            documentId, completion.size(), (int) completion.failed(), words, topWords));
  }

  /** One chunk of a document. */
  public record ChunkText(String documentId, int index, String text) {}

  /** What the demo prints per document. */
  public record DocumentSummary(
      String documentId, int chunks, int failedChunks, int words, String topWords) {}
}
