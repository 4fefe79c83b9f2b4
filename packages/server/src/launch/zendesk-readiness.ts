import type { ZendeskReadiness } from "@parley/protocol";
import type { Config } from "../config";
import type { Db } from "../store/db";
import { type CheckOptions, type ConversationsCheck, ConversationsCheck as ConversationsCheckSchema, checkConversations, SupportCheck } from "../zendesk/connections/check";
import { secretBoxFor } from "../security/secret-box";
import { loadConnection } from "../zendesk/connections/store";

/** How long a check of the environment's Conversations API key is trusted (each console page asks). */
const ENVIRONMENT_CHECK_MS = 30_000;

export interface ReadinessDeps {
  db: Db;
  config: Pick<Config, "zendesk" | "conversations" | "security">;
  checks?: CheckOptions;
}

const NOT_CONNECTED = "Connect the Conversations API first: live chat goes through it.";

/**
 * What the Zendesk connections allow now: a connection made in the console wins over the
 * environment, as it does when the server starts. The environment's Conversations API key is
 * checked for real (multiple conversations), and the answer kept a while.
 */
export class ZendeskReadinessCheck {
  #environment: { check: ConversationsCheck; at: number } | null = null;

  constructor(private readonly deps: ReadinessDeps) {}

  /** The Zendesk connections are kept encrypted when PARLEY_SECRETS_KEY is set. */
  #box() {
    return secretBoxFor(this.deps.config.security.secretsKey);
  }

  async now(): Promise<ZendeskReadiness> {
    return { support: await this.#support(), conversations: await this.#conversations() };
  }

  async #support(): Promise<ZendeskReadiness["support"]> {
    const stored = await loadConnection(this.deps.db, "support", SupportCheck, this.#box());
    if (stored) {
      const ok = stored.check?.ok === true;
      return { connected: ok, source: "console", problem: stored.check && !stored.check.ok ? stored.check.problem.message : null };
    }
    return this.deps.config.zendesk ? { connected: true, source: "environment", problem: null } : { connected: false, source: null, problem: null };
  }

  async #conversations(): Promise<ZendeskReadiness["conversations"]> {
    const stored = await loadConnection(this.deps.db, "conversations", ConversationsCheckSchema, this.#box());
    if (stored) return view(stored.check, "console");
    const configured = this.deps.config.conversations;
    if (!configured) return { connected: false, source: null, liveChat: { available: false, reason: NOT_CONNECTED, manageUrl: null } };
    const now = Date.now();
    if (this.#environment === null || now - this.#environment.at > ENVIRONMENT_CHECK_MS) {
      const check = await checkConversations(
        { subdomain: subdomainOf(configured.baseUrl), baseUrl: configured.baseUrl, appId: configured.appId, keyId: configured.keyId, secret: configured.secret, auth: configured.auth },
        { timeoutMs: 5_000, ...this.deps.checks },
      );
      this.#environment = { check, at: now };
    }
    return view(this.#environment.check, "environment");
  }
}

function view(check: ConversationsCheck | null, source: "console" | "environment"): ZendeskReadiness["conversations"] {
  if (check === null) return { connected: false, source, liveChat: { available: false, reason: NOT_CONNECTED, manageUrl: null } };
  if (!check.ok) return { connected: false, source, liveChat: { available: false, reason: check.problem.message, manageUrl: null } };
  return { connected: true, source, liveChat: check.liveChat.available ? { available: true } : { ...check.liveChat, manageUrl: check.liveChat.manageUrl } };
}

/** `acme` of https://acme.zendesk.com/sc; a simulator or proxy address names no subdomain. */
function subdomainOf(baseUrl: string): string {
  const host = new URL(baseUrl).hostname;
  const match = /^([a-z0-9][a-z0-9-]*)\.zendesk\.com$/i.exec(host);
  return match?.[1]?.toLowerCase() ?? "zendesk";
}
