import { expect, test } from "vitest";
import { hashCall, identifiedSettings } from "./identity-code";

const LANGUAGES = ["node", "python", "ruby", "php", "go", "java", "csharp"];

test("every language's server code signs the user id or the email, as chosen", () => {
  for (const language of LANGUAGES) {
    const byId = hashCall(language, "user_id");
    const byEmail = hashCall(language, "email");
    expect(byId).not.toBe(byEmail);
    expect(byId).toMatch(/user id/);
    expect(byId.toLowerCase()).toMatch(/user\.id|user\.getid\(\)|user_id=|user_id:|\$user->id/);
    expect(byEmail.toLowerCase()).toMatch(/user\.email|user\.getemail\(\)|\$user->email/);
    expect(byEmail.toLowerCase()).not.toMatch(/user\.id\b|user\.getid\(\)|\$user->id\b/);
  }
});

test("the Messenger's settings by email leave user_id out (it would win over the email)", () => {
  const byId = identifiedSettings("demo", "user_id");
  const byEmail = identifiedSettings("demo", "email");
  expect(byId).toContain('user_id: "<the user\'s id>"');
  expect(byId).toContain("HMAC-SHA256 of the user id");
  expect(byEmail).not.toContain("user_id");
  expect(byEmail).toContain('email: "<the user\'s email>"');
  expect(byEmail).toContain("HMAC-SHA256 of the email");
});
