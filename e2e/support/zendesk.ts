import { expect } from "@playwright/test";
import { E2E } from "../../playwright.config";

/** The Zendesk simulator the server under test talks to, read through its Support API like any Zendesk client. */
export const ZENDESK_URL = `http://localhost:${E2E.simPort}`;
const AUTH = `Basic ${Buffer.from("agent@sim.zendesk.test/token:sim-token").toString("base64")}`;

export interface Ticket {
  id: number;
  status: string;
  tags: string[];
  requester_id: number;
  external_id: string | null;
  subject: string | null;
}

export interface User {
  id: number;
  name: string;
  email: string | null;
  external_id: string | null;
}

export interface Comment {
  id: number;
  body: string;
  public: boolean;
  author_id: number;
}

export async function zendeskGet<T>(path: string): Promise<T> {
  const response = await fetch(`${ZENDESK_URL}/api/v2/${path}`, { headers: { Authorization: AUTH, Accept: "application/json" } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The tickets whose requester matches, newest first. */
export async function ticketsOf(requester: (user: User) => boolean): Promise<Ticket[]> {
  const { tickets } = await zendeskGet<{ tickets: Ticket[] }>("tickets.json?per_page=100");
  const ids = [...new Set(tickets.map((ticket) => ticket.requester_id))];
  const users = await Promise.all(ids.map((id) => zendeskGet<{ user: User }>(`users/${id}.json`).then((r) => r.user)));
  const wanted = new Set(users.filter(requester).map((user) => user.id));
  return tickets.filter((ticket) => wanted.has(ticket.requester_id)).sort((a, b) => b.id - a.id);
}

/** Waits until the requester has a ticket for which `check` passes, and returns it. */
export async function ticketFor(requester: (user: User) => boolean, check: (ticket: Ticket) => boolean = () => true): Promise<Ticket> {
  let found: Ticket | undefined;
  await expect
    .poll(async () => {
      found = (await ticketsOf(requester)).find(check);
      return found !== undefined;
    }, { timeout: 10_000 })
    .toBe(true);
  return found as Ticket;
}

export async function commentsOf(ticketId: number): Promise<Comment[]> {
  return (await zendeskGet<{ comments: Comment[] }>(`tickets/${ticketId}/comments.json`)).comments;
}

export async function userOf(id: number): Promise<User> {
  return (await zendeskGet<{ user: User }>(`users/${id}.json`)).user;
}
