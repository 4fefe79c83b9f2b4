import { expect, test } from "vitest";
import { buildPrompt } from "./prompt";
import type { RetrievedPassage } from "./types";

const PASSAGES: RetrievedPassage[] = [
  { id: "returns#window", articleId: "returns", title: "Returns", url: "/help/returns", locale: "en", heading: "Return window", text: "Within 30 days." },
  { id: "exchanges#intro", articleId: "exchanges", title: "Exchanges", url: "/help/exchanges", locale: "en", heading: null, text: "Exchange for free." },
];

test("labels each passage with its id, article and section", () => {
  const { user } = buildPrompt({ question: "How long can I return?" }, PASSAGES);
  expect(user).toContain('<passage id="returns#window" article="returns" title="Returns" section="Return window" language="en">\nWithin 30 days.\n</passage>');
  expect(user).toContain('<passage id="exchanges#intro" article="exchanges" title="Exchanges" language="en">');
  expect(user.endsWith("<question>\nHow long can I return?\n</question>")).toBe(true);
});

test("a pressed clarifying button points the model at its article and the earlier question", () => {
  const { user } = buildPrompt(
    {
      question: "Returns",
      history: ["Can I send it back?"],
      chosenArticleId: "returns",
      offered: [
        { articleId: "returns", label: "Returns" },
        { articleId: "exchanges", label: "Exchanges" },
      ],
      locale: "fr-CA",
    },
    PASSAGES,
  );
  expect(user).toContain("<earlier_questions>\n- Can I send it back?\n</earlier_questions>");
  expect(user).toContain('choose between these articles: "returns" (Returns), "exchanges" (Exchanges)');
  expect(user).toContain('The customer chose the article "returns" (Returns)');
  expect(user).toContain('"fr-CA"');
});

test("without history, options or a locale the prompt holds only the passages and the question", () => {
  const { user } = buildPrompt({ question: "Exchange?" }, PASSAGES);
  expect(user).not.toMatch(/earlier_questions|choose between|chose the article|language "/);
});
