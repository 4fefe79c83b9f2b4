import { Hono } from "hono";
import { z } from "zod";
import type { Config } from "../../config";
import { listContactEvents, summarizeContactEvents } from "../../store/contact-events";
import { getContact } from "../../store/contacts";
import type { Db } from "../../store/db";
import { requireAdminToken } from "../admin-auth";
import { validate } from "../body";
import { ApiError } from "../errors";

const ListQuery = z.strictObject({
  contact_id: z.string().trim().min(1).max(100).optional(),
  event_name: z.string().trim().min(1).max(255).optional(),
  limit: z.coerce.number({ error: "must be a number" }).int().min(1).max(500).default(100),
});

/**
 * What customers did on the owner's site, as the page reported it with `Intercom('trackEvent')`:
 * GET /admin/api/events (newest first; by contact or event name) and
 * GET /admin/api/contacts/{id}/events (one customer: a summary per event name, then the events).
 */
export function adminEvents(deps: { config: Config; db: Db }): Hono {
  const { config, db } = deps;
  const api = new Hono();
  api.use("/events", requireAdminToken(config));
  api.use("/contacts/*", requireAdminToken(config));

  api.get("/events", async (c) => {
    const query = validate(c.req.query(), ListQuery);
    const events = await listContactEvents(db, config.app.id, { contactId: query.contact_id, eventName: query.event_name, limit: query.limit });
    return c.json({ events });
  });

  api.get("/contacts/:id/events", async (c) => {
    const contact = await getContact(db, c.req.param("id"));
    if (!contact || contact.app_id !== config.app.id) throw new ApiError(404, "contact_not_found", `No contact has the id "${c.req.param("id")}".`);
    const limit = validate(c.req.query(), ListQuery.pick({ limit: true })).limit;
    return c.json({
      contact: { id: contact.id, user_id: contact.user_id, email: contact.email, name: contact.name },
      summary: await summarizeContactEvents(db, contact.id),
      events: (await listContactEvents(db, config.app.id, { contactId: contact.id, limit })).map(({ contact: _, ...event }) => event),
    });
  });

  return api;
}
