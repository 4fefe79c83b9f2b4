import { type PingResponse, PingRequest, SendMessageRequest, TrackEventRequest } from "@parley/protocol";
import { Hono } from "hono";
import { type Config, identitySecrets } from "../../config";
import type { IdentityEnforcement } from "../../identity/enforcement";
import type { Conversations, ReceiveResult } from "../../conversations/service";
import { JWT_CLOCK_SKEW_SECONDS } from "../../identity/jwt";
import { checkIdentity } from "../../identity/verify";
import type { StreamBus } from "../../realtime/bus";
import { openStream } from "../../realtime/sse";
import { recordContactEvent } from "../../store/contact-events";
import { isAnonymous, upsertContact } from "../../store/contacts";
import { getContactConversation, listConversations, toConversation } from "../../store/conversations";
import type { Db } from "../../store/db";
import { listMessages } from "../../store/messages";
import { type IdentityStatus, recordOrigin } from "../../store/origins";
import { createSession, sessionStanding } from "../../store/sessions";
import { latestCursor } from "../../store/stream-events";
import { limitBody, readJson } from "../body";
import { ApiError } from "../errors";
import { bearerToken, requireSession, type WidgetEnv } from "../session";
import type { OpenStreams } from "../../realtime/open-streams";
import { helpArticles, type HelpArticlesDeps } from "./help-articles";
import type { RateLimiter } from "../../security/rate-limit";
import { originAllowed } from "../../security/origins";
import type { SecuritySettings } from "../../security/settings";
import { clientAddress, takeSharedToken, takeToken } from "../rate-limit";
import type { SharedRateLimiter } from "../../security/shared-rate-limit";

export interface WidgetApiDeps {
  config: Config;
  db: Db;
  bus: StreamBus;
  conversations: Conversations;
  knowledge: HelpArticlesDeps["knowledge"];
  limiter: RateLimiter;
  /** Pings per browser are counted in the database, shared by every instance. */
  sharedLimiter: SharedRateLimiter;
  enforcement: IdentityEnforcement;
  /** This instance's open streams: capped per contact and address, and checked again while open. */
  streams: OpenStreams;
  /** Contact merging and the trusted origins, as the owner set them. */
  settings: SecuritySettings;
  /** The live workflow's greeting, shown when the Messenger opens, and its reply buttons. */
  greeting: () => Promise<{ text: string; buttons: { label: string }[] }>;
  clock: () => Date;
}

/** The API the Messenger talks to: /v1/apps/{app_id}/… */
export function widgetApi(deps: WidgetApiDeps): Hono<WidgetEnv> {
  const { config, db, clock } = deps;
  const api = new Hono<WidgetEnv>();

  api.use("/:appId/*", async (c, next) => {
    if (c.req.param("appId") !== config.app.id) {
      throw new ApiError(404, "app_not_found", `No Messenger app has the id "${c.req.param("appId")}".`);
    }
    await next();
  });
  api.use("/:appId/*", async (c, next) => {
    takeToken(deps.limiter, "address", clientAddress(c, config.security.trustProxy));
    takeToken(deps.limiter, "app", config.app.id);
    const origin = c.req.header("origin");
    if (origin !== undefined && !originAllowed(origin, (await deps.settings.trustedOrigins()).origins)) throw originNotAllowed(origin);
    await next();
  });
  api.use("/:appId/*", limitBody());

  async function appInfo(): Promise<PingResponse["app"]> {
    const greeting = await deps.greeting();
    const buttons = greeting.buttons.map((button) => ({ label: button.label, action: "choose_option" as const }));
    return { ...config.app, greeting: greeting.text, ...(buttons.length > 0 && { greeting_buttons: buttons }) };
  }

  api.post("/:appId/ping", async (c) => {
    const ping = await readJson(c, PingRequest);
    await takeSharedToken(deps.sharedLimiter, "visitorPing", ping.visitor_id);
    const now = clock();
    const at = now.toISOString();
    const origin = originOf(c.req.header("origin"), ping.page?.url);
    // With trusted origins, a ping must say which site it comes from, and that site must be one of them.
    if (!originAllowed(origin, (await deps.settings.trustedOrigins()).origins)) throw originNotAllowed(origin ?? "(none)");
    const enforce = await deps.enforcement.enforced();
    const identity = await checkIdentity(ping.user, { secrets: identitySecrets(config), enforce, now });
    const remember = (status: IdentityStatus) => (origin ? recordOrigin(db, config.app.id, origin, status, at) : Promise.resolve());
    if (identity.status === "rejected") {
      await remember("rejected");
      throw new ApiError(401, identity.code, identity.message);
    }
    await remember(identity.status);
    // With a JWT, the signed claims: who the ping speaks for.
    const { user } = identity;
    const identifier = user.user_id ?? user.email;
    const claim = identifier === undefined ? null : { kind: user.user_id !== undefined ? ("user_id" as const) : ("email" as const), value: identifier };
    const { contact, outcome } = await upsertContact(
      db,
      { appId: config.app.id, claim, verified: identity.status === "verified", visitorId: ping.visitor_id },
      { name: user.name, email: user.email, phone: user.phone, attributes: user.attributes },
      { mergeUnverified: (await deps.settings.contactMerging()).enabled },
      at,
    );
    // A session proven by a JWT lasts no longer than the JWT (plus the clock skew it was allowed).
    const untilJwtExpires = identity.status === "verified" && identity.method === "jwt" ? identity.expiresAt.getTime() + JWT_CLOCK_SKEW_SECONDS * 1000 - now.getTime() : Infinity;
    const session = await createSession(db, contact.id, config.app.id, now, Math.min(ping.session_duration ?? Infinity, untilJwtExpires));
    const body: PingResponse = {
      session: { token: session.token, expires_at: session.expiresAt },
      visitor_id: ping.visitor_id,
      user: {
        id: contact.id,
        user_id: contact.user_id,
        email: contact.email,
        name: contact.name,
        verified: identity.status === "verified",
        anonymous: identity.status === "anonymous",
      },
      app: await appInfo(),
      conversations: await listConversations(db, contact.id),
      stream_cursor: String(await latestCursor(db, contact.id)),
      ...(outcome === "separated" && {
        notice: {
          code: "identity_separated",
          message: `This ping names ${claim?.kind ?? "a user"} "${identifier ?? ""}" without user_hash, and that user has been verified before: it gets a separate, unverified contact that sees none of their conversations. Send user_hash (or intercom_user_jwt) to reach them.`,
        },
      }),
    };
    return c.json(body);
  });

  api.use("/:appId/conversations", requireSession(db, clock, deps.limiter, deps.enforcement));
  api.use("/:appId/conversations/*", requireSession(db, clock, deps.limiter, deps.enforcement));
  api.use("/:appId/stream", requireSession(db, clock, deps.limiter, deps.enforcement, { inQuery: true }));
  api.use("/:appId/events", requireSession(db, clock, deps.limiter, deps.enforcement));

  // Intercom('trackEvent'): stored for the session's contact, for the owner to see.
  api.post("/:appId/events", async (c) => {
    const request = await readJson(c, TrackEventRequest);
    const now = clock().getTime();
    // A page's clock may run ahead: an event never happened later than it arrived.
    const happened = request.created_at === undefined ? now : Math.min(request.created_at * 1000, now);
    const { event, created } = await recordContactEvent(db, {
      appId: config.app.id,
      contactId: c.var.contact.id,
      ...(request.client_id !== undefined && { clientId: request.client_id }),
      eventName: request.event_name,
      metadata: request.metadata ?? {},
      createdAt: new Date(happened).toISOString(),
    });
    // A re-sent event (same client id): the stored one, as a re-sent message is answered.
    return c.json({ event }, created ? 201 : 200);
  });

  api.get("/:appId/conversations", async (c) => {
    return c.json({ conversations: await listConversations(db, c.var.contact.id) });
  });

  api.post("/:appId/conversations", async (c) => {
    const request = await readJson(c, SendMessageRequest);
    const result = await deps.conversations.receiveCustomerMessage(c.var.contact, null, request);
    const { conversation, message } = received(result);
    return c.json({ conversation, message }, result.kind === "created" ? 201 : 200);
  });

  api.get("/:appId/conversations/:conversationId", async (c) => {
    const row = await getContactConversation(db, c.var.contact.id, c.req.param("conversationId"));
    if (!row) throw conversationNotFound();
    return c.json({ conversation: toConversation(row), messages: await listMessages(db, row.id) });
  });

  api.post("/:appId/conversations/:conversationId/messages", async (c) => {
    const request = await readJson(c, SendMessageRequest);
    const result = await deps.conversations.receiveCustomerMessage(c.var.contact, c.req.param("conversationId"), request);
    return c.json({ message: received(result).message }, result.kind === "created" ? 201 : 200);
  });

  api.get("/:appId/stream", async (c) => {
    const contactId = c.var.contact.id;
    const token = bearerToken(c) ?? c.req.query("token") ?? "";
    const origin = c.req.header("origin");
    // What let the stream in, asked again while it stays open: the same answers as requireSession and the origin check.
    const stillAllowed = async (): Promise<string | null> => {
      const standing = await sessionStanding(db, token, config.app.id, clock());
      if (standing?.contactId !== contactId) return "the session has ended";
      if (!standing.verified && !isAnonymous({ identity_key: standing.identityKey }) && (await deps.enforcement.enforced())) return "identity verification is on";
      if (origin !== undefined && !originAllowed(origin, (await deps.settings.trustedOrigins()).origins)) return "this site is no longer a trusted origin";
      return null;
    };
    const handle = deps.streams.admit(contactId, clientAddress(c, config.security.trustProxy), stillAllowed);
    if (!handle) {
      throw new ApiError(429, "rate_limited", "Too many open streams from this address: close some tabs, or try again in a minute.", undefined, { "Retry-After": "60" });
    }
    return openStream(c, { db, bus: deps.bus, contactId, closeWhen: handle.closing, onEnd: handle.release });
  });

  // The help space's articles are public, as the help center's pages are: no session needed.
  api.route("/", helpArticles({ config, knowledge: deps.knowledge }));

  return api;
}

function received(result: ReceiveResult) {
  if (result.kind === "not_found") throw conversationNotFound();
  if (result.kind === "invalid_form") {
    const issues = result.problems.map((problem) => ({ path: `form.${problem.attribute}`, message: problem.message }));
    throw new ApiError(422, "invalid_form", result.problems.map((problem) => problem.message).join(" "), issues);
  }
  if (result.kind === "client_id_conflict") {
    throw new ApiError(409, "invalid_request", "client_id was already used for a message in another conversation.");
  }
  return result;
}

function originNotAllowed(origin: string): ApiError {
  return new ApiError(403, "origin_not_allowed", `The Messenger of this app is not allowed on ${origin}: add it to the trusted origins (PARLEY_ALLOWED_ORIGINS, or PUT /admin/api/identity/origins).`);
}

function conversationNotFound(): ApiError {
  return new ApiError(404, "conversation_not_found", "No such conversation for this session.");
}

/** The site the ping came from: the Origin header, else the page URL's origin. */
function originOf(header: string | undefined, pageUrl: string | undefined): string | null {
  for (const candidate of [header, pageUrl]) {
    if (!candidate || candidate === "null") continue;
    try {
      return new URL(candidate).origin;
    } catch {
      // not a URL: try the next
    }
  }
  return null;
}
