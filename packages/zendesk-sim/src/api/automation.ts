import type { Hono } from "hono";
import { recordNotFound } from "../account/errors";
import { parseRecord } from "../account/input";
import { ticketFieldJson, triggerJson, webhookJson } from "../account/json";
import { createTicketField, TicketFieldInput } from "../account/ticket-fields";
import { createTrigger, triggersInOrder, updateTrigger } from "../automation/triggers";
import { createWebhook, listWebhooks, webhookErrors, webhookNotFound } from "../automation/webhooks";
import type { SimulatedZendesk } from "../zendesk";
import { baseUrl, idParam, isObject, json, paginate, readJson, readRoot, type ApiEnv } from "./http";

/** Webhooks, triggers and ticket fields: how an integration configures the account. */
export function automationRoutes(app: Hono<ApiEnv>, zendesk: SimulatedZendesk): void {
  app.post("/api/v2/webhooks", async (c) => {
    const body = await readJson(c);
    const input = isObject(body) ? body.webhook : undefined;
    if (!isObject(input)) {
      throw webhookErrors(400, [{ code: "InvalidInput", title: "webhook is required", pointer: "/webhook" }]);
    }
    const webhook = createWebhook(zendesk.store, input, {
      signingSecret: zendesk.settings.webhookSigningSecret,
      createdBy: c.get("user").id,
      now: zendesk.settings.clock(),
      nowText: zendesk.now(),
    });
    return json(201, { webhook: webhookJson(webhook) }, { Location: `${baseUrl(c)}/api/v2/webhooks/${webhook.id}` });
  });

  app.get("/api/v2/webhooks", (c) => {
    const webhooks = listWebhooks(zendesk.store, {
      nameContains: c.req.query("filter[name_contains]"),
      status: c.req.query("filter[status]"),
    });
    // The Webhooks API pages with cursors only.
    const url = new URL(c.req.url);
    if (!url.searchParams.has("page[size]")) url.searchParams.set("page[size]", "100");
    return json(200, paginate(url, "webhooks", webhooks, webhookJson));
  });

  app.get("/api/v2/webhooks/:id", (c) => json(200, { webhook: webhookJson(webhookOf(zendesk, c.req.param("id"))) }));

  app.delete("/api/v2/webhooks/:id", (c) => {
    const webhook = webhookOf(zendesk, c.req.param("id"));
    zendesk.store.webhooks.delete(webhook.id);
    return new Response(null, { status: 204 });
  });

  app.get("/api/v2/webhooks/:id/signing_secret", (c) => {
    const webhook = webhookOf(zendesk, c.req.param("id"));
    return json(200, { signing_secret: { algorithm: "SHA256", secret: webhook.signing_secret } });
  });

  app.post("/api/v2/triggers", async (c) => {
    const trigger = createTrigger(zendesk.store, await readRoot(c, "trigger"), zendesk.now());
    const location = `${baseUrl(c)}/api/v2/triggers/${trigger.id}.json`;
    return json(201, { trigger: triggerJson(trigger, baseUrl(c)) }, { Location: location });
  });

  app.get("/api/v2/triggers", (c) => {
    const active = c.req.query("active");
    const triggers = triggersInOrder(zendesk.store).filter(
      (trigger) => active === undefined || String(trigger.active) === active,
    );
    return json(200, paginate(c.req.url, "triggers", triggers, (trigger) => triggerJson(trigger, baseUrl(c))));
  });

  app.get("/api/v2/triggers/:id", (c) => {
    const trigger = zendesk.store.triggers.get(idParam(c, "id"));
    if (!trigger) throw recordNotFound();
    return json(200, { trigger: triggerJson(trigger, baseUrl(c)) });
  });

  app.put("/api/v2/triggers/:id", async (c) => {
    const trigger = updateTrigger(zendesk.store, idParam(c, "id"), await readRoot(c, "trigger"), zendesk.now());
    return json(200, { trigger: triggerJson(trigger, baseUrl(c)) });
  });

  app.delete("/api/v2/triggers/:id", (c) => {
    const id = idParam(c, "id");
    if (!zendesk.store.triggers.delete(id)) throw recordNotFound();
    return new Response(null, { status: 204 });
  });

  app.get("/api/v2/ticket_fields", (c) => {
    const fields = [...zendesk.store.ticketFields.values()].sort((a, b) => a.position - b.position || a.id - b.id);
    return json(200, paginate(c.req.url, "ticket_fields", fields, (field) => ticketFieldJson(field, baseUrl(c))));
  });

  app.get("/api/v2/ticket_fields/:id", (c) => {
    const field = zendesk.store.ticketFields.get(idParam(c, "id"));
    if (!field) throw recordNotFound();
    return json(200, { ticket_field: ticketFieldJson(field, baseUrl(c)) });
  });

  app.post("/api/v2/ticket_fields", async (c) => {
    const input = parseRecord(TicketFieldInput, await readRoot(c, "ticket_field"));
    const field = createTicketField(zendesk.store, input, zendesk.now());
    const location = `${baseUrl(c)}/api/v2/ticket_fields/${field.id}.json`;
    return json(201, { ticket_field: ticketFieldJson(field, baseUrl(c)) }, { Location: location });
  });
}

function webhookOf(zendesk: SimulatedZendesk, id: string) {
  const webhook = zendesk.store.webhooks.get(id);
  if (!webhook) throw webhookNotFound();
  return webhook;
}
