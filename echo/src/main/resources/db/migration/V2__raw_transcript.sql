-- An audio chunk's transcript as the transcription service returned it, before correction
-- (PII redaction and key-term normalisation). The chunk stays pending until the corrected
-- transcript is written, so finalize never runs on an uncorrected transcript, and a lost
-- correction message can be redone from this column without transcribing again.
ALTER TABLE conversation_chunk ADD COLUMN raw_transcript text;
