import { createSimulator, type Simulator, type SimulatorOptions } from "./index";

/** Test helpers: a simulator with a movable clock, and a small client for its API. */

export const BASE = "http://sim.test";

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON (`undefined` when it isn't JSON). */
  // Tests read response bodies freely; the simulator's own code never sees this type.
  body: any;
}

export function basicAuth(email: string, token: string): string {
  return `Basic ${Buffer.from(`${email}/token:${token}`).toString("base64")}`;
}

export class TestClock {
  constructor(public current = new Date("2026-03-02T10:00:00Z")) {}
  now = (): Date => this.current;
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export function testSimulator(options: SimulatorOptions = {}): { sim: Simulator; clock: TestClock; api: ReturnType<typeof apiClient> } {
  const clock = new TestClock();
  const sim = createSimulator({ now: clock.now, webhookRetryDelaysMs: [20, 40, 80], ...options });
  return { sim, clock, api: apiClient(sim) };
}

export function apiClient(sim: Simulator, auth: string | null = basicAuth(sim.credentials.email, sim.credentials.apiToken)) {
  return async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const init: RequestInit = { method, headers: { ...(auth ? { Authorization: auth } : {}), ...headers } };
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)["Content-Type"] ??= "application/json";
    }
    const response = await sim.fetch(new Request(`${BASE}${path}`, init));
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  };
}

/** Creates an end user through the API and returns its id. */
export async function endUser(api: ReturnType<typeof apiClient>, externalId: string, name = "Jane Doe", email?: string): Promise<number> {
  const response = await api("POST", "/api/v2/users/create_or_update.json", {
    user: { name, external_id: externalId, ...(email ? { email } : {}) },
  });
  if (response.status >= 300) throw new Error(`could not create user: ${response.text}`);
  return response.body.user.id as number;
}

/** Creates a ticket through the API and returns it. */
export async function newTicket(api: ReturnType<typeof apiClient>, ticket: Record<string, unknown>): Promise<any> {
  const response = await api("POST", "/api/v2/tickets.json", { ticket });
  if (response.status !== 201) throw new Error(`could not create ticket: ${response.status} ${response.text}`);
  return response.body.ticket;
}
