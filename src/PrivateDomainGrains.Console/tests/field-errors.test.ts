import { describe, expect, it } from "vitest";
import { ApiError } from "../src/api/client";
import { feedbackAt, fieldErrors } from "../src/forms/fieldErrors";

const refused = (errors: Record<string, string[]>, detail = "The campaign is invalid") => new ApiError(400, "Bad Request", detail, undefined, errors);
const campaignFields = (f: string) => /^(name|script\.title|script\.text|script\.variants(\[\d+\]\.(id|title|text))?|endAt)$/.test(f);

describe("a refused form's errors", () => {
  it("puts every field the server names at that field, not only the one its detail quotes", () => {
    const placed = fieldErrors(refused({ "script.title": ["'script.title' is required"], "script.text": ["'script.text' has an unknown placeholder {nmae}"] }), campaignFields);
    expect(placed).toEqual({
      at: { "script.title": "'script.title' is required", "script.text": "'script.text' has an unknown placeholder {nmae}" },
      summary: "The campaign is invalid",
    });
  });

  it("puts a variant's error at the variant's own box, and one of the list at the list", () => {
    const placed = fieldErrors(refused({ "script.variants[1].text": ["too long"], "script.variants[0]": ["not an object"], "$.endAt": ["past"] }), campaignFields);
    expect(placed?.at).toEqual({ "script.variants[1].text": "too long", "script.variants": "not an object", endAt: "past" });
  });

  it("says an error of a field the form does not show in the summary, and leaves other failures to the caller", () => {
    expect(fieldErrors(refused({ owner: ["unknown"] }), campaignFields)).toEqual({ at: {}, summary: "The campaign is invalid unknown" });
    expect(fieldErrors(refused({}), campaignFields)).toBeNull();
    expect(fieldErrors(new ApiError(403, "Forbidden", "managers only", undefined, { name: ["x"] }), campaignFields)).toBeNull();
    expect(fieldErrors(new Error("network"), campaignFields)).toBeNull();
  });

  it("gives a Naive form item its message in red, and nothing to a field without one", () => {
    const placed = fieldErrors(refused({ name: ["required", "too short"] }), campaignFields);
    expect(feedbackAt(placed, "name")).toEqual({ feedback: "required too short", validationStatus: "error" });
    expect(feedbackAt(placed, "endAt")).toEqual({});
    expect(feedbackAt(null, "name")).toEqual({});
  });
});
