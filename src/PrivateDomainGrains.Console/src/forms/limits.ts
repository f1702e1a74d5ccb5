/**
 * The server's limits on what people type, in text elements (graphemes, as `graphemes` counts), one place for every form:
 * each box with one is a LimitedInput with its number, and its form refuses to send a value over it.
 */
export const limits = {
  /** A customer, tenant or staff id (Core/Identity/Ids.cs). */
  id: 128,
  /** A tag, a tag's or tag group's name (Core/Tags/TagNames.cs, Host/Apis/TagFields.cs). */
  tag: 64,
  /** A customer's remark (Host/Apis/ConsoleCustomersApi.cs MaxRemarkLength). */
  remark: 200,
  /** The customer search (ConsoleCustomersApi.cs MaxQueryLength). */
  search: 64,
  /** A campaign's name, its script's title and text (Host/Apis/CampaignsApi.cs). */
  campaignName: 64,
  campaignTitle: 200,
  campaignText: 2000,
  /** A campaign script's variants, at most (CampaignsApi.cs MaxVariants); each variant's id is an `id`. */
  campaignVariants: 10,
  /** A segment's name (Host/Apis/SegmentsApi.cs), a field filter's name and value (Core/Segments/SegmentFilterValidator.cs). */
  segmentName: 64,
  fieldName: 64,
  fieldValue: 256,
  /** An ISO 4217 currency code. */
  currency: 3,
  /** An API key's name (Host/Apis/ApiKeysApi.cs), a webhook's URL and description (Host/Webhooks/WebhookUrls.cs, WebhooksApi.cs). */
  keyName: 64,
  webhookUrl: 2048,
  webhookDescription: 200,
  /** An event's text (Core/Events/EventValidator.cs), as a dry run sends it. */
  eventText: 4000,
} as const;
