import { readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { LABELLED_HELP_CENTERS } from "./labelled";

test("every question file in examples/eval is a labelled help center the models are fitted and judged on", async () => {
  const files = await readdir(fileURLToPath(new URL("../../../../examples/eval", import.meta.url)));
  const named = files.filter((file) => file.endsWith(".jsonl")).map((file) => file.replace(/\.jsonl$/, ""));
  expect(LABELLED_HELP_CENTERS.map((center) => center.name).sort()).toEqual(named.sort());
});
