import { expect, test } from "vitest";
import { toAiReply } from "./ai-lane";

const answer = (url: string) =>
  toAiReply({ kind: "answer", text: "See the article.", citations: [{ articleId: "returns", title: "Returns", url }], confidence: 0.9, locale: "en" }, "https://chat.example.com");

test("a cited article's address becomes absolute on this server", () => {
  expect(answer("/help/returns")).toMatchObject({ citations: [{ title: "Returns", url: "https://chat.example.com/help/returns" }] });
  expect(answer("https://help.example.com/returns")).toMatchObject({ citations: [{ url: "https://help.example.com/returns" }] });
});

test.each(["javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>", " JAVASCRIPT:alert(1)"])(
  "an article address %j that could run script cites the article's help page instead",
  (url) => {
    expect(answer(url)).toMatchObject({ citations: [{ title: "Returns", url: "https://chat.example.com/help/returns" }] });
  },
);

test("an article a hand-off suggests is linked the same way, and a hand-off without one names none", () => {
  const suggesting = toAiReply(
    { kind: "handoff", reason: "no_answer", suggestions: [{ articleId: "bikes", title: "Bikes on board", url: "javascript:alert(1)" }], locale: "en" },
    "https://chat.example.com",
  );
  expect(suggesting).toEqual({ kind: "handoff", reason: "no_answer", suggestions: [{ title: "Bikes on board", url: "https://chat.example.com/help/bikes" }], locale: "en" });
  expect(toAiReply({ kind: "handoff", reason: "asked_for_person", locale: "en" }, "https://chat.example.com")).toEqual({ kind: "handoff", reason: "asked_for_person", locale: "en" });
});
