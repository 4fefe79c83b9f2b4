import { expect, test } from "vitest";
import { parseQuestionFile } from "./questions";

const knowledge = { articleIds: new Set(["returns", "shipping"]), dir: "help" };

test("reads one question a line, skipping blank lines and ignoring fields it does not know", () => {
  const text = [
    '{"question": "How do I return an item?", "expect": "answer", "article": "returns", "source": "chat log"}',
    "",
    "   ",
    '{"question": "  How long does it take?  ", "expect": "clarify", "locale": "fr-CA", "note": "two articles"}\r',
    '{"question": "Can I talk to a person?", "expect": "handoff"}',
    '{"question": "How do I send it back?", "expect": "clarify", "candidates": ["returns", "shipping"]}',
  ].join("\n");
  expect(parseQuestionFile(text, "q.jsonl", knowledge)).toEqual({
    questions: [
      { question: "How do I return an item?", expect: "answer", article: "returns", line: 1 },
      { question: "How long does it take?", expect: "clarify", locale: "fr-CA", line: 4 },
      { question: "Can I talk to a person?", expect: "handoff", line: 5 },
      { question: "How do I send it back?", expect: "clarify", candidates: ["returns", "shipping"], line: 6 },
    ],
    problems: [],
  });
});

test("an article id may be a whole number, as Zendesk's are", () => {
  const ids = { articleIds: new Set(["360001234567", "42"]), dir: "help" };
  const text = [
    '{"question": "How do I reset my password?", "expect": "answer", "article": 360001234567}',
    '{"question": "Which one?", "expect": "clarify", "candidates": [42, "360001234567"]}',
  ].join("\n");
  expect(parseQuestionFile(text, "q.jsonl", ids)).toEqual({
    questions: [
      { question: "How do I reset my password?", expect: "answer", article: "360001234567", line: 1 },
      { question: "Which one?", expect: "clarify", candidates: ["42", "360001234567"], line: 2 },
    ],
    problems: [],
  });
});

test("a byte-order mark before the first line is not part of it", () => {
  const { questions, problems } = parseQuestionFile('\uFEFF{"question": "Hi?", "expect": "handoff"}', "q.jsonl");
  expect(problems).toEqual([]);
  expect(questions).toHaveLength(1);
});

test.each([
  ["not JSON", "{question: nope}", /^q\.jsonl:2: not valid JSON/],
  ["not an object", '["How?", "answer"]', /^q\.jsonl:2: expected a JSON object/],
  ["no question", '{"expect": "handoff"}', /^q\.jsonl:2: "question" must be non-empty text$/],
  ["an empty question", '{"question": "  ", "expect": "handoff"}', /^q\.jsonl:2: "question" must be non-empty text$/],
  ["an unknown outcome", '{"question": "How?", "expect": "answered"}', /^q\.jsonl:2: "expect" must be "answer", "clarify" or "handoff"$/],
  ["no article for an answer", '{"question": "How?", "expect": "answer"}', /^q\.jsonl:2: "article" is required when "expect" is "answer"/],
  ["an article that is neither text nor a whole number", '{"question": "How?", "expect": "answer", "article": 7.5}', /^q\.jsonl:2: "article" must be an article id/],
  ["a locale that is not text", '{"question": "How?", "expect": "handoff", "locale": ""}', /^q\.jsonl:2: "locale" must be non-empty text/],
  ["an article the folder does not have", '{"question": "How?", "expect": "answer", "article": "refunds"}', /^q\.jsonl:2: article "refunds" is not in the knowledge folder help$/],
  ["candidates that are not a list of ids", '{"question": "How?", "expect": "clarify", "candidates": "returns"}', /^q\.jsonl:2: "candidates" must be a list of article ids$/],
  ["candidates the folder does not have", '{"question": "How?", "expect": "clarify", "candidates": ["returns", "refunds", "exchanges"]}', /^q\.jsonl:2: article "refunds", article "exchanges" are not in the knowledge folder help$/],
])("a line with %s is reported with its file and line number", (_kind, bad, message) => {
  const good = '{"question": "How do I return an item?", "expect": "answer", "article": "returns"}';
  const { questions, problems } = parseQuestionFile(`${good}\n${bad}\n${good}`, "q.jsonl", knowledge);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(message);
  expect(questions.map((q) => q.line)).toEqual([1, 3]);
});

test("every bad line is reported, in file order, with all that is wrong with it", () => {
  const text = ['{"expect": "maybe"}', "", '{"question": "How?", "expect": "answer", "article": "nope"}', "oops"].join("\n");
  expect(parseQuestionFile(text, "q.jsonl", knowledge).problems).toEqual([
    'q.jsonl:1: "question" must be non-empty text; "expect" must be "answer", "clarify" or "handoff"',
    'q.jsonl:3: article "nope" is not in the knowledge folder help',
    expect.stringMatching(/^q\.jsonl:4: not valid JSON/),
  ]);
});

test("a file without questions is a problem, not a perfect score", () => {
  expect(parseQuestionFile("\n  \n", "empty.jsonl").problems).toEqual(["empty.jsonl: has no questions"]);
});
