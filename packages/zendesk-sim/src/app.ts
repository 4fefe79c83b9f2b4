import { Hono } from "hono";
import { ZendeskError } from "./account/errors";
import { agentRoutes } from "./agent/routes";
import { automationRoutes } from "./api/automation";
import { apiGuard, type ApiControls } from "./api/guard";
import { errorResponse, json, type ApiEnv } from "./api/http";
import { helpCenterRoutes } from "./api/help-center";
import { ticketRoutes } from "./api/tickets";
import { userRoutes } from "./api/users";
import { controlRoutes } from "./control/routes";
import { liveChatRoutes } from "./agent/live-chats";
import { conversationsRoutes } from "./conversations/routes";
import type { SimulatedZendesk } from "./zendesk";

/**
 * Zendesk accepts every Support API path with or without `.json`; the router sees them without.
 * (The Webhooks API documents paths without it; they are accepted both ways too.)
 */
function routingPath(request: Request): string {
  const path = new URL(request.url).pathname;
  return path.startsWith("/api/v2/") && path.endsWith(".json") ? path.slice(0, -".json".length) : path;
}

/** The simulator's HTTP surface: the Support API, the agent page and the `/__sim` controls. */
export function createApp(zendesk: SimulatedZendesk, controls: ApiControls): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>({ getPath: routingPath });

  app.onError((error) => {
    if (error instanceof ZendeskError) return errorResponse(error);
    console.error("zendesk-sim: unexpected error", error);
    return json(500, { error: "InternalServerError", description: "The simulator failed to handle this request" });
  });
  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    if (path.startsWith("/v2/") || path.startsWith("/sc/v2/")) {
      return json(404, { errors: [{ code: "not_found", title: "Resource not found" }] });
    }
    if (path.startsWith("/api/")) {
      return json(404, { error: "InvalidEndpoint", description: "Not found" });
    }
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  });

  controlRoutes(app, zendesk, controls);
  agentRoutes(app, zendesk);
  liveChatRoutes(app, zendesk);
  // Zendesk serves the Conversations API under /sc; the simulator also answers without it.
  const conversations = conversationsRoutes(() => zendesk.conversations, { ...controls, limiter: controls.conversationsLimiter });
  app.route("/sc", conversations);
  app.route("/", conversations);
  app.use("/api/v2/*", apiGuard(zendesk, controls));
  userRoutes(app, zendesk);
  ticketRoutes(app, zendesk);
  automationRoutes(app, zendesk);
  helpCenterRoutes(app, zendesk);
  return app;
}
