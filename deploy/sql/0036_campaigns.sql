-- Campaigns (群发): which campaigns a tenant has, for listing them (Persistence/CampaignIndex.cs). Each campaign's spec,
-- cursor and counts live in its grain's state (Grains/Campaigns/CampaignGrain.cs); its nudges' outcomes in the execution
-- rollups under source 'campaign:{id}'.
-- Idempotent: safe to apply any number of times.
CREATE TABLE IF NOT EXISTS pdg_campaigns
(
    tenant      text        NOT NULL,
    campaign_id text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pdg_campaigns_pk PRIMARY KEY (tenant, campaign_id)
);
