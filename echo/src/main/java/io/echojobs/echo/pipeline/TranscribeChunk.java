package io.echojobs.echo.pipeline;

import io.echojobs.echo.providers.TranscriptionNotConfiguredException;
import io.echojobs.echo.providers.TranscriptionRequest;
import io.echojobs.echo.providers.UnusableAudioException;
import io.echojobs.echo.storage.Chunk;
import io.echojobs.echo.storage.ChunkAudio;
import io.echojobs.echo.storage.ChunkNotFoundException;
import io.echojobs.echo.storage.ChunkState;
import io.echojobs.echo.storage.Conversation;
import io.echojobs.echo.storage.Project;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value ConversationPipeline#TRANSCRIBE_CHUNK} (network/0): sends one audio chunk to the
 * transcription service and stores the raw transcript; correction follows as its own step.
 *
 * <p>Failures: audio the service cannot use, or no service configured, is recorded on the chunk
 * as a recoverable error and the chunk counts as done (the conversation goes on without it). An
 * unavailable service is retried; nothing is recorded or counted while a retry is pending, so
 * finalize never runs ahead of it. A rejection ends in dead letters, and the failure callback
 * ({@link TranscriptionFailed}) records it and counts the chunk as done.
 */
final class TranscribeChunk {

  private static final Logger log = LoggerFactory.getLogger(TranscribeChunk.class);

  private final PipelineContext context;
  private final ConversationPipeline pipeline;
  private final ChunkFanIn fanIn;

  TranscribeChunk(PipelineContext context, ConversationPipeline pipeline, ChunkFanIn fanIn) {
    this.context = context;
    this.pipeline = pipeline;
    this.fanIn = fanIn;
  }

  void run(ChunkRef ref) {
    var chunks = context.storage().chunks();
    Chunk chunk =
        chunks.find(ref.chunkId()).orElseThrow(() -> new ChunkNotFoundException(ref.chunkId()));
    if (chunk.state() != ChunkState.PENDING) {
      fanIn.chunkDone(ref); // a duplicate: make sure the first run's count happened
      return;
    }
    if (chunks.rawTranscript(ref.chunkId()).isPresent()) {
      pipeline.sendCorrect(ref); // transcribed before; its correction message was lost
      return;
    }
    Conversation conversation = context.conversation(ref.conversationId());
    Project project = context.projectOf(conversation);
    ChunkAudio audio = chunks.audio(ref.chunkId())
        .orElseThrow(() -> new ChunkNotFoundException(ref.chunkId()));
    int attempt = chunks.beginAttempt(ref.chunkId());
    String raw;
    try {
      raw = context.providers().transcriber().transcribe(
          new TranscriptionRequest(
              audio.bytes(),
              "chunk-" + ref.chunkId() + extension(audio.contentType()),
              audio.contentType(),
              project.language(),
              context.providers().keyTerms(project.keyTerms()).prompt()));
    } catch (TranscriptionNotConfiguredException | UnusableAudioException unusable) {
      chunks.recordError(ref.chunkId(), unusable.getMessage(), true, context.clock().instant());
      log.warn("chunk not transcribed, recorded as a recoverable error; the conversation goes on"
              + " without it chunk_id={} conversation_id={} attempt={} reason={}",
          ref.chunkId(), ref.conversationId(), attempt, unusable.getMessage());
      context.report(ref.conversationId(), ref.chunkId(), "chunk.failed", unusable.getMessage());
      fanIn.chunkDone(ref);
      return;
    }
    chunks.recordRawTranscript(ref.chunkId(), raw);
    context.report(ref.conversationId(), ref.chunkId(), "chunk.transcribed",
        "attempt " + attempt);
    pipeline.sendCorrect(ref);
  }

  private static String extension(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    if (AudioSplitter.isWav(type)) {
      return ".wav";
    }
    if (type.contains("mpeg") || type.contains("mp3")) {
      return ".mp3";
    }
    if (type.contains("webm")) {
      return ".webm";
    }
    if (type.contains("ogg")) {
      return ".ogg";
    }
    return type.contains("mp4") || type.contains("m4a") ? ".m4a" : ".bin";
  }
}
