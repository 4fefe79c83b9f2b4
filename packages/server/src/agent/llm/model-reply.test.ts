import { expect, test } from "vitest";
import { parseModelReply, toAgentReply } from "./model-reply";
import type { RetrievedPassage } from "./types";

const passage = (id: string, articleId: string, title: string): RetrievedPassage => ({
  id,
  articleId,
  title,
  url: `/help/${articleId}`,
  locale: "en",
  heading: null,
  text: "…",
});
const PASSAGES = [passage("returns#window", "returns", "Returns"), passage("exchanges#how", "exchanges", "Exchanges")];

test("reads the object after a preamble, inside a bare fence, or alone", () => {
  const object = '{"outcome":"handoff","text":"","cited":[],"options":[],"language":"en"}';
  for (const output of [object, `Here is my reply:\n${object}`, "```\n" + object + "\n```", "```JSON\n" + object + "```"]) {
    expect(parseModelReply(output)).toMatchObject({ ok: true, reply: { outcome: "handoff" } });
  }
});

test("says why a reply cannot be read", () => {
  expect(parseModelReply("Sure! Refunds take a week.")).toEqual({ ok: false, problem: "the model's reply is not JSON" });
  expect(parseModelReply('{"outcome":"maybe","text":"x"}')).toMatchObject({ ok: false, problem: expect.stringContaining("outcome") });
  expect(parseModelReply('{"outcome":"answer","cited":"returns#window","text":"x"}')).toMatchObject({
    ok: false,
    problem: expect.stringContaining("cited"),
  });
});

test("a language that is no BCP-47 tag gives way to the default locale", () => {
  const parsed = parseModelReply('{"outcome":"answer","text":"Within 30 days.","cited":["returns#window"],"language":"English please"}');
  if (!parsed.ok) throw new Error(parsed.problem);
  expect(toAgentReply(parsed.reply, PASSAGES, "en-GB")).toMatchObject({ ok: true, reply: { kind: "answer", locale: "en-GB" } });
});

test("clarifying options named by a passage id still name its article", () => {
  const parsed = parseModelReply('{"outcome":"clarify","text":"Return or exchange?","options":["returns#window","exchanges"],"language":"en"}');
  if (!parsed.ok) throw new Error(parsed.problem);
  expect(toAgentReply(parsed.reply, PASSAGES, "en")).toMatchObject({
    ok: true,
    reply: { kind: "clarify", options: [{ articleId: "returns", label: "Returns" }, { articleId: "exchanges", label: "Exchanges" }] },
  });
});
