/**
 * `npm run eval -- --knowledge <dir> --questions <file.jsonl> [--json]`: scores the AI agent on
 * labelled questions. Exit code 0 whatever the score; 2 when the input cannot be used.
 */
import { parseArgs } from "node:util";
import { EXIT_BAD_INPUT, runEval } from "./run";

const USAGE = `usage: npm run eval -- --knowledge <folder of Markdown or HTML articles> --questions <file.jsonl> [--json] [--without-hints]

Each line of the question file is a JSON object:
  {"question": "How do I return an item?", "expect": "answer", "article": "returns-and-refunds", "locale": "en"}
"expect" is "answer" (then "article" is required: the id the answer must cite first), "clarify" or "handoff";
"locale" is optional; other fields are ignored.
--without-hints leaves out the articles' example questions (front matter "questions:").`;

// `npm run eval -- … --json | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

let values: { knowledge?: string; questions?: string; json?: boolean; "without-hints"?: boolean; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      knowledge: { type: "string" },
      questions: { type: "string" },
      json: { type: "boolean" },
      "without-hints": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(EXIT_BAD_INPUT);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.knowledge === undefined || values.questions === undefined) {
  console.error(`${values.knowledge === undefined ? "--knowledge" : "--questions"} is required\n\n${USAGE}`);
  process.exit(EXIT_BAD_INPUT);
}

process.exitCode = await runEval(
  // npm runs scripts from the project's root; paths are meant from where the command was typed.
  { knowledgeDir: values.knowledge, questionsFile: values.questions, json: values.json ?? false, withoutHints: values["without-hints"] ?? false, cwd: process.env.INIT_CWD ?? process.cwd() },
  { out: (line) => console.log(line), err: (line) => console.error(line) },
);
