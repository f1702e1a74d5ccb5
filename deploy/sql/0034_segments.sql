-- Saved segments: a tenant's named filters over the customer directory (Core/Segments/SegmentFilter.cs, stored as the
-- API's JSON). Members are never stored: a segment is counted and listed from the directory when asked, so it is as
-- fresh as the directory. version counts edits (a campaign records the version it was sent to).
-- Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_segments
(
    tenant      text        NOT NULL,
    segment_id  text        NOT NULL,
    name        text        NOT NULL,
    description text        NULL,
    filter      jsonb       NOT NULL,
    version     integer     NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pdg_segments_pk PRIMARY KEY (tenant, segment_id)
);
