-- Nudges carry the suggested content and the engine's explanation (rule, scores, alternatives and the policies that
-- stopped them), so the console and the API can show why. Idempotent: safe to apply any number of times.
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS suggested text NULL;
ALTER TABLE pdg_nudges ADD COLUMN IF NOT EXISTS explanation text NULL;
