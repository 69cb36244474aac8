package io.echojobs.echo.pipeline;

import io.echojobs.echo.storage.Chunk;
import io.echojobs.echo.storage.ChunkState;
import io.echojobs.echo.storage.Conversation;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@value ConversationPipeline#COUNT_TOKENS} (network/40): caches an estimate of the
 * conversation's token count. The estimate counts words, numbers and punctuation marks (roughly
 * what a BPE tokenizer makes of conversational text, within a few tens of percent); it is used
 * for usage figures, never for billing.
 */
final class CountTokens {

  private static final Pattern TOKEN = Pattern.compile("\\p{L}+|\\p{N}+|[^\\s\\p{L}\\p{N}]");

  private final PipelineContext context;

  CountTokens(PipelineContext context) {
    this.context = context;
  }

  void run(ConversationRef ref) {
    UUID id = ref.conversationId();
    Conversation conversation = context.storage().conversations().find(id).orElse(null);
    if (conversation == null || conversation.tokenCount() != null) {
      return;
    }
    int tokens = 0;
    for (Chunk chunk : context.storage().chunks().listByConversation(id)) {
      if (chunk.state() == ChunkState.OK) {
        tokens += estimate(chunk.transcript());
      }
    }
    context.storage().conversations()
        .storeTokenCountIfAbsent(id, tokens, context.clock().instant());
  }

  static int estimate(String text) {
    Matcher matcher = TOKEN.matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
