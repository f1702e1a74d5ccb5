import { describe, expect, it } from "vitest";
import { webhookEventTypes } from "../src/api/integrations";

describe("the webhook event-type picker", () => {
  it("offers * first, then each family the server lists followed by its types, and nothing the server did not list", () => {
    const choices = webhookEventTypes({
      types: ["nudge.raised", "customer.tag-added", "nudge.closed", "customer.merged"],
      families: ["nudge.*", "customer.*"],
    });

    expect(choices).toEqual(["*", "nudge.*", "nudge.raised", "nudge.closed", "customer.*", "customer.tag-added", "customer.merged"]);
  });
});
