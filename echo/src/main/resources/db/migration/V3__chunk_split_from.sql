-- The chunk a part was split from. A split replaces the original row by its parts in one
-- transaction; when the process that split it dies before sending the parts on, the redelivered
-- message finds the original gone and its parts here.
ALTER TABLE conversation_chunk ADD COLUMN split_from uuid;
CREATE INDEX conversation_chunk_split_from ON conversation_chunk (split_from)
    WHERE split_from IS NOT NULL;
