import { expect, test } from "vitest";
import { webhookSignature } from "./signature";

// The vector from Zendesk's docs (reference §10.4): the current order is timestamp, then body.
const secret = "HRkRd4BeOAoUkfZr-mhauJT64rvBASlJRoIyPsd3zeA=";
const body = '{"say": "hello"}';
const timestamp = "2021-07-25T10:00:00Z";

test("signs timestamp ‖ body with the secret used as text", () => {
  expect(webhookSignature(secret, timestamp, body)).toBe("Rry/4TtIdFyawtXXp8QdI6tlAUUQ/5kL1OTp5qo/ZIk=");
});

test("is not the older body ‖ timestamp signature", () => {
  expect(webhookSignature(secret, timestamp, body)).not.toBe("tRDSF7URY8BLCDlaBcQ7FHu051Zk+aAB0NKMP53teMw=");
});
