import { type Browser, expect, test, type Page } from "@playwright/test";
import { openHostPage, openPage } from "./support/host-page";

/**
 * How fast the launcher is on screen on a host page that loads the snippet on its load event, as
 * Intercom's snippet does: cold (a fresh browser context each time), on localhost. The budget
 * itself is kept by size-limit, so only a generous ceiling is asserted here (this machine is
 * shared). Run as `npm run bench:widget` (PARLEY_BENCH_WIDGET=1) it also prints the figures the
 * README quotes: each run then waits 2.5 s for the lazy chunks and the renderer's account of its
 * main thread, and as many runs without the snippet give the host page's own cost; the suite,
 * which asserts none of them, skips those waits.
 */
const RUNS = 5;
const BENCH = process.env.PARLEY_BENCH_WIDGET === "1";

interface Figures {
  launcherMs: number;
  markMs: number;
  /** Long tasks after the load event: when (ms after load) and how long. */
  longTasks: Array<{ start: number; duration: number }>;
  /** When the loader and the entry script had arrived, ms after load. */
  loaderArrivedMs: number;
  entryArrivedMs: number;
  bytesBeforeLauncher: number;
  bytesInAll: number;
  /** Main-thread time of the host page's renderer in all (tasks, and script alone), ms. */
  mainThreadMs: number;
  scriptMs: number;
}

const MEASURE = `
window.__parley = { longTasks: [], seen: null };
try {
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (entry) { window.__parley.longTasks.push({ start: entry.startTime, duration: entry.duration }); });
  }).observe({ type: "longtask", buffered: true });
} catch (e) {}
(function watch() {
  var host = document.getElementById("parley-messenger");
  var launcher = host && host.shadowRoot && host.shadowRoot.querySelector(".parley-launcher");
  if (launcher && launcher.getBoundingClientRect().width > 0) window.__parley.seen = performance.now();
  else requestAnimationFrame(watch);
})();
`;

/**
 * The renderer's own account of its main-thread work (Chrome DevTools Protocol), counted from
 * before the page is opened: call it on a new page, open the page, then read.
 */
async function watchMainThread(page: Page): Promise<() => Promise<{ mainThreadMs: number; scriptMs: number }>> {
  const session = await page.context().newCDPSession(page);
  await session.send("Performance.enable");
  return async () => {
    const { metrics } = await session.send("Performance.getMetrics");
    const seconds = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? Number.NaN;
    return { mainThreadMs: seconds("TaskDuration") * 1000, scriptMs: seconds("ScriptDuration") * 1000 };
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

test("the launcher is on screen soon after the host page's load event, with no long task", async ({ browser }) => {
  test.setTimeout(120_000);
  const runs: Figures[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const mainThread = await watchMainThread(page);
    await openHostPage(page, {}, { before: MEASURE });
    await expect(page.getByRole("button", { name: "Open Messenger" })).toBeVisible();
    await page.waitForFunction(() => (window as unknown as { __parley: { seen: number | null } }).__parley.seen !== null);
    // Let the session and panel chunks arrive too, for the bytes "in all".
    if (BENCH) await page.waitForTimeout(2_500);
    const work = await mainThread();
    runs.push({
      ...work,
      ...(await page.evaluate(() => {
        const measured = (window as unknown as { __parley: { seen: number; longTasks: Array<{ start: number; duration: number }> } }).__parley;
        const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        const mark = performance.getEntriesByName("parley:launcher")[0];
        const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
        const widget = resources.filter((entry) => entry.name.includes("/widget/"));
        const load = navigation.loadEventStart;
        return {
          launcherMs: measured.seen - load,
          markMs: (mark?.startTime ?? Number.NaN) - load,
          longTasks: measured.longTasks.filter((task) => task.start >= load).map((task) => ({ start: Math.round(task.start - load), duration: Math.round(task.duration) })),
          loaderArrivedMs: (widget.find((entry) => !entry.name.includes("/assets/"))?.responseEnd ?? Number.NaN) - load,
          entryArrivedMs: (widget.find((entry) => entry.name.includes("/assets/messenger-"))?.responseEnd ?? Number.NaN) - load,
          bytesBeforeLauncher: widget.filter((entry) => entry.responseEnd <= (mark?.startTime ?? 0)).reduce((sum, entry) => sum + entry.transferSize, 0),
          bytesInAll: widget.reduce((sum, entry) => sum + entry.transferSize, 0),
        };
      })),
    });
    await context.close();
  }
  if (BENCH) console.log(JSON.stringify(figures(runs, await hostPageAlone(browser)), null, 2));
  expect(median(runs.map((run) => run.launcherMs))).toBeLessThan(1_000);
});

/** The same page and wait without the snippet: what the host page costs on its own. */
async function hostPageAlone(browser: Browser): Promise<Array<{ mainThreadMs: number; scriptMs: number }>> {
  const bare: Array<{ mainThreadMs: number; scriptMs: number }> = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const mainThread = await watchMainThread(page);
    await openPage(page, `<!doctype html><html><head><title>Shop</title></head><body><h1>Example shop</h1><script>${MEASURE}</script></body></html>`);
    await page.waitForTimeout(2_500);
    bare.push(await mainThread());
    await context.close();
  }
  return bare;
}

/** The figures the README quotes. */
function figures(runs: Figures[], bare: Array<{ mainThreadMs: number; scriptMs: number }>): Record<string, unknown> {
  const added = (key: "mainThreadMs" | "scriptMs") => Math.round(median(runs.map((run) => run[key])) - median(bare.map((run) => run[key])));
  return {
    "launcher visible after load (ms, median of 5 cold runs)": Math.round(median(runs.map((run) => run.launcherMs))),
    "loader script arrived (ms after load, median)": Math.round(median(runs.map((run) => run.loaderArrivedMs))),
    "entry script arrived (ms after load, median)": Math.round(median(runs.map((run) => run.entryArrivedMs))),
    "launcher drawn after load (ms, median)": Math.round(median(runs.map((run) => run.markMs))),
    "long tasks after load (all runs: ms after load / duration)": runs.flatMap((run) => run.longTasks).map((task) => `${task.start}/${task.duration}`),
    "bytes before the launcher (transferred, median)": median(runs.map((run) => run.bytesBeforeLauncher)),
    "bytes in all (transferred, median)": median(runs.map((run) => run.bytesInAll)),
    "host main-thread time the Messenger adds (ms, median with it minus median without)": added("mainThreadMs"),
    "of which running script (ms)": added("scriptMs"),
  };
}
