-- The conversation domain: projects, conversations, their chunks and processing status events.
--
-- Each conversation flag has one source of truth and moves one way only:
--   is_finished                false -> true   (finish hook; chunks are refused afterwards)
--   is_all_chunks_transcribed  false -> true   (finalize; only once finished)
--   summary                    null  -> text   (summarize; never empty)
-- Times are timestamptz written by the application from its injected clock, never now().

CREATE TABLE project (
    id                    uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    name                  text        NOT NULL,
    language              text        NOT NULL DEFAULT 'en',
    key_terms             text        NOT NULL DEFAULT '',
    anonymize_transcripts boolean     NOT NULL DEFAULT false,
    created_at            timestamptz NOT NULL
);

CREATE TABLE conversation (
    id                        uuid             PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id                uuid             NOT NULL REFERENCES project (id),
    created_at                timestamptz      NOT NULL,
    updated_at                timestamptz      NOT NULL,
    deleted_at                timestamptz,
    is_finished               boolean          NOT NULL DEFAULT false,
    finished_at               timestamptz,
    is_all_chunks_transcribed boolean          NOT NULL DEFAULT false,
    summary                   text,
    title                     text,
    duration_seconds          double precision,
    merged_transcript         text,
    token_count               integer,
    is_anonymized             boolean          NOT NULL DEFAULT false,
    source                    text             NOT NULL,
    participant_name          text,
    CONSTRAINT conversation_finished_at_with_flag
        CHECK (is_finished = (finished_at IS NOT NULL)),
    CONSTRAINT conversation_transcribed_only_when_finished
        CHECK (NOT is_all_chunks_transcribed OR is_finished),
    CONSTRAINT conversation_summary_not_empty
        CHECK (summary IS NULL OR summary <> ''),
    CONSTRAINT conversation_duration_not_negative
        CHECK (duration_seconds IS NULL OR duration_seconds >= 0),
    CONSTRAINT conversation_token_count_not_negative
        CHECK (token_count IS NULL OR token_count >= 0)
);

CREATE INDEX conversation_project ON conversation (project_id);
-- L1: conversations still open.
CREATE INDEX conversation_open ON conversation (id)
    WHERE NOT is_finished AND deleted_at IS NULL;
-- L2: finished but not yet flagged as transcribed.
CREATE INDEX conversation_awaiting_transcribed_flag ON conversation (id)
    WHERE is_finished AND NOT is_all_chunks_transcribed AND deleted_at IS NULL;
-- L3: transcribed but not summarized.
CREATE INDEX conversation_awaiting_summary ON conversation (id)
    WHERE is_all_chunks_transcribed AND summary IS NULL AND deleted_at IS NULL;
-- Merge and token-count repairs: transcribed but missing what those steps write.
CREATE INDEX conversation_awaiting_merge ON conversation (id)
    WHERE is_all_chunks_transcribed AND merged_transcript IS NULL AND deleted_at IS NULL;
CREATE INDEX conversation_awaiting_token_count ON conversation (id)
    WHERE is_all_chunks_transcribed AND token_count IS NULL AND deleted_at IS NULL;

CREATE TABLE conversation_chunk (
    id                  uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    conversation_id     uuid        NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    client_timestamp    timestamptz NOT NULL,
    received_at         timestamptz NOT NULL,
    kind                text        NOT NULL,
    audio               bytea,
    audio_content_type  text,
    transcript          text,
    error               text,
    error_recoverable   boolean     NOT NULL DEFAULT false,
    attempts            integer     NOT NULL DEFAULT 0,
    processed_at        timestamptz,
    CONSTRAINT conversation_chunk_kind CHECK (kind IN ('text', 'audio')),
    CONSTRAINT conversation_chunk_audio_only_for_audio
        CHECK ((kind = 'audio') = (audio IS NOT NULL)
               AND (audio IS NULL) = (audio_content_type IS NULL)),
    CONSTRAINT conversation_chunk_text_has_transcript
        CHECK (kind <> 'text' OR transcript IS NOT NULL),
    CONSTRAINT conversation_chunk_attempts_not_negative CHECK (attempts >= 0)
);

-- Activity by server time (L1), ordered reads and counts per conversation.
CREATE INDEX conversation_chunk_by_received ON conversation_chunk (conversation_id, received_at);
CREATE INDEX conversation_chunk_by_position
    ON conversation_chunk (conversation_id, client_timestamp, id);
-- Chunks that no transcription has answered yet (pending): L2 per conversation, and the
-- stuck-chunk repair paging through all of them by id.
CREATE INDEX conversation_chunk_pending ON conversation_chunk (conversation_id)
    WHERE transcript IS NULL AND error IS NULL;
CREATE INDEX conversation_chunk_pending_by_id ON conversation_chunk (id)
    WHERE transcript IS NULL AND error IS NULL;

CREATE TABLE processing_status (
    id              bigserial   PRIMARY KEY,
    conversation_id uuid        NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    chunk_id        uuid        REFERENCES conversation_chunk (id) ON DELETE SET NULL,
    event           text        NOT NULL,
    message         text,
    duration_ms     bigint,
    parent_id       bigint      REFERENCES processing_status (id) ON DELETE SET NULL,
    at              timestamptz NOT NULL,
    CONSTRAINT processing_status_duration_not_negative
        CHECK (duration_ms IS NULL OR duration_ms >= 0)
);

CREATE INDEX processing_status_by_conversation ON processing_status (conversation_id, id);
