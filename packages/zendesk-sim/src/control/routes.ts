import type { Hono } from "hono";
import { z } from "zod";
import { ZendeskError } from "../account/errors";
import { resetControls, type ApiControls } from "../api/guard";
import { json, readJson, type ApiEnv } from "../api/http";
import type { SimulatedZendesk } from "../zendesk";
import { HelpCenterSeed } from "../help-center/model";
import { articleJson } from "../api/help-center";
import { FaultSpec } from "./faults";

const ConversationsSettingsSpec = z.strictObject({ multiConvoEnabled: z.boolean() });
const LatencySpec = z.strictObject({ ms: z.number().int().min(0).max(120_000) });

/**
 * Simulator-only endpoints, outside Zendesk's API and without authentication: reset the account,
 * inject faults and latency, read the webhook delivery log. Errors here use the simulator's own
 * plain shape, `{ "error": "…" }`.
 */
export function controlRoutes(app: Hono<ApiEnv>, zendesk: SimulatedZendesk, controls: ApiControls): void {
  app.post("/__sim/reset", () => {
    zendesk.reset();
    resetControls(controls);
    return new Response(null, { status: 204 });
  });

  app.post("/__sim/faults", async (c) => {
    const spec = parseControl(FaultSpec, await readJson(c));
    try {
      return json(201, { fault: controls.faults.add(spec) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ZendeskError(400, { error: `path is not a valid regular expression: ${reason}` });
    }
  });

  app.get("/__sim/faults", () => json(200, { faults: controls.faults.pending() }));

  app.delete("/__sim/faults", () => {
    controls.faults.clear();
    return new Response(null, { status: 204 });
  });

  app.post("/__sim/latency", async (c) => {
    controls.latency.ms = parseControl(LatencySpec, await readJson(c)).ms;
    return json(200, { latency: { ms: controls.latency.ms } });
  });

  // Multi-conversations cannot be turned off in Zendesk; the simulator lets tests set it either way.
  app.post("/__sim/conversations/settings", async (c) => {
    const { multiConvoEnabled } = parseControl(ConversationsSettingsSpec, await readJson(c));
    zendesk.conversations.settings.multiConvoEnabled = multiConvoEnabled;
    return json(200, { settings: { multiConvoEnabled } });
  });
  app.get("/__sim/conversations/deliveries", () => json(200, { deliveries: zendesk.conversationWebhooks.deliveries() }));

  // Zendesk Guide's articles (with translations) are written here, not through the API: Parley only reads them.
  app.post("/__sim/help-center/articles", async (c) => {
    const seed = parseControl(HelpCenterSeed, await readJson(c));
    const articles = zendesk.helpCenter.seed(seed, zendesk.now());
    const base = new URL(c.req.url).origin;
    const authorId = zendesk.agent().id;
    const rendered = articles.map((article) =>
      [...article.translations.values()].map((translation) => articleJson(article, translation, base, authorId)),
    );
    return json(201, { articles: rendered.map((translations) => ({ ...translations[0], translations })) });
  });
  app.delete("/__sim/help-center/articles/:id", (c) => {
    const id = Number(c.req.param("id"));
    if (!zendesk.helpCenter.remove(id)) throw new ZendeskError(404, { error: `no help-center article ${c.req.param("id")}` });
    return new Response(null, { status: 204 });
  });

  app.get("/__sim/webhook-deliveries", () => json(200, { deliveries: zendesk.dispatcher.deliveries() }));
}

function parseControl<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
  throw new ZendeskError(400, { error: problems.join("; ") });
}
