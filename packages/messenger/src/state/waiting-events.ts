import { signal } from "@preact/signals-core";
import { TrackEventRequest, type PingRequest } from "@parley/protocol";
import { logWarning } from "../api/log";
import { keepStored } from "./stored-list";

/** An event on its way to the server; its `client_id` makes a re-sent copy count once there. */
export type WaitingEvent = TrackEventRequest & { client_id: string };

/** A waiting event and the user it belongs to (see `eventOwner`). */
interface Owned {
  owner: string;
  event: WaitingEvent;
}

/** Waiting events kept at most (every user's together): a page tracking in a loop while offline cannot fill storage. */
export const MAX_WAITING_EVENTS = 100;

/**
 * The `user_id` claim of an `intercom_user_jwt`, read without checking the signature: it only tags
 * what waits in this browser (the server verifies the token). No token, or a malformed one: none.
 */
function signedUserId(token?: string): unknown {
  try {
    return JSON.parse(atob(token!.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))).user_id;
  } catch {}
}

/**
 * Whose an event is: the identity a ping sends, as the server finds the contact (`user_id`, else
 * the JWT's `user_id`, else `email`, else the anonymous visitor). An event waits until a session
 * of its owner is live. Text always: a number claim is the user its digits name, as on the server.
 */
export function eventOwner({ user, visitor_id: visitorId }: PingRequest): string {
  return "" + (user.user_id ?? signedUserId(user.intercom_user_jwt) ?? user.email ?? visitorId);
}

/** `Intercom('trackEvent')` calls the server has not confirmed yet, oldest first. */
export interface WaitingEvents {
  /** Queues an event; past the cap the oldest is dropped, with a console warning. */
  add(owner: string, event: WaitingEvent): void;
  /** The oldest event of `owner` still to send (none while no session is live). */
  next(owner: string | null): WaitingEvent | undefined;
  /** The server has the event, or refused it for good. */
  remove(clientId: string): void;
  /** Stops writing to storage (the session ended). */
  stop(): void;
}

function readOwned(item: unknown): Owned[] {
  const { owner, event } = (item ?? {}) as Record<string, unknown>;
  const parsed = TrackEventRequest.safeParse(event);
  // Kept only as tracked: checked again (storage is the page's to change) and with its client id.
  return typeof owner === "string" && parsed.data?.client_id ? [{ owner, event: parsed.data as WaitingEvent }] : [];
}

/**
 * Waiting events, kept in localStorage (`parley-{app_id}-events`) so a reload loses none: the
 * next page of the same user sends them, in order, with the client ids they were tracked with.
 */
export function createWaitingEvents(win: Window, appId: string): WaitingEvents {
  const waiting = signal<readonly Owned[]>([]);
  const stop = keepStored(win, `parley-${appId}-events`, () => waiting.value, (stored) => {
    waiting.value = stored.flatMap(readOwned).slice(-MAX_WAITING_EVENTS);
  });
  return {
    add(owner, event) {
      const all = [...waiting.peek(), { owner, event }];
      if (all.length > MAX_WAITING_EVENTS) logWarning(`Intercom('trackEvent'): over ${MAX_WAITING_EVENTS} events wait for the server; the oldest, "${all.shift()?.event.event_name}", was dropped.`);
      waiting.value = all;
    },
    next: (owner) => waiting.peek().find((item) => item.owner === owner)?.event,
    remove(clientId) {
      waiting.value = waiting.peek().filter((item) => item.event.client_id !== clientId);
    },
    stop,
  };
}
