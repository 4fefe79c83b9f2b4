import { createRequire } from "node:module";
import type { Page } from "@playwright/test";

const axeScript = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core's serious and critical violations inside the Messenger (its shadow root included),
 * as readable lines, so a failing test says what is wrong and where.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axeScript });
  // Colours are only final once the opening animation has run.
  await page.evaluate(() => {
    const shadow = document.querySelector("#parley-messenger")?.shadowRoot;
    const animations = [...document.getAnimations(), ...(shadow?.getAnimations() ?? [])];
    return Promise.all(animations.map((animation) => animation.finished));
  });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run({ include: [["#parley-messenger"]] }, { resultTypes: ["violations"] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => JSON.stringify(node.target) + " " + String((node as { failureSummary?: string }).failureSummary ?? "").replace(/\s+/g, " ")),
    }));
  });
  return violations
    .filter((violation: Violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation: Violation) => `${violation.impact} ${violation.id}: ${violation.help} at ${violation.targets.join(", ")}`);
}
