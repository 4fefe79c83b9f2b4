import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseQuestionFile, type EvalQuestion } from "./eval/questions";
import { loadKnowledgeDir, type Article } from "./knowledge";

/** A labelled help center in examples/: its articles, and customer questions written before any tuning. */
export interface LabelledHelpCenter {
  name: string;
  /** The articles' folder. */
  knowledge: string;
  /** The question file (./eval/questions.ts). */
  questions: string;
}

const root = fileURLToPath(new URL("../../../../", import.meta.url));

/**
 * The labelled help centers, in the order they were written. fit-decision.ts fits the models on
 * them and judges each with models fitted without it; `npm run bench:agent -- --examples` times
 * their questions.
 */
export const LABELLED_HELP_CENTERS: readonly LabelledHelpCenter[] = [
  "store",
  "tasklane",
  "brightwave",
  "hearthstat",
  "lumen",
  "parcelpoint",
  "quillstone",
  "ferncastle",
  "pawpal",
  "ridgeline",
  "orchardly",
  "dinebird",
  "tidewell",
  "coachline",
  "tidyhand",
  "loftline",
  "shutterleaf",
  "wheelhop",
  "stagepass",
  "lingobee",
  "medvale",
  "paywise",
  "reelhaus",
  "ironpeak",
  "roadkey",
  "pantrybox",
  "taxly",
  "pedalia",
  "guardly",
  "parkwise",
  "sunwell",
  "stowly",
  "tutorly",
  "skyhop",
  "greenbin",
  "wavely",
  "harborlane",
  "pinecrest",
  "inkloom",
  "keyward",
  "deskhive",
  "voltride",
  "brewcrate",
  "haulwell",
  "yarnloop",
  "brightsmile",
  "tramcard",
  "bookmoor",
  "launderly",
  "chargehaven",
  "petalpost",
  "plotkeeper",
  "pitchly",
  "snowgate",
  "earwell",
  "moorline",
  "scribewell",
  "kilnhouse",
  "lenswell",
  "drivewise",
  "hostquay",
  "gymforge",
  "museon",
  "refurbly",
  "trailpack",
  "copperleaf",
  "fleetfolk",
  "crumbhouse",
  "rootwise",
  "pitchside",
].map((name) => ({
  name,
  knowledge: `${root}${name === "store" ? "examples/knowledge" : `examples/help-centers/${name}`}`,
  questions: `${root}examples/eval/${name}.jsonl`,
}));

/** A labelled help center's articles and questions; throws on a question file with problems. */
export async function loadLabelled(center: LabelledHelpCenter): Promise<{ articles: Article[]; questions: EvalQuestion[] }> {
  const { articles } = await loadKnowledgeDir(center.knowledge);
  const { questions, problems } = parseQuestionFile(await readFile(center.questions, "utf8"), center.questions);
  if (problems.length > 0) throw new Error(problems.join("\n"));
  return { articles, questions };
}
