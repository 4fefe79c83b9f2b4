import { http, HttpResponse } from "msw";
import type { SetupServer } from "msw/node";
import { createMessengerState, disposeMessengerState, type MessengerState } from "../state/models";
import { createSession, type Session } from "../state/session";
import { API } from "./api-server";
import { fakeEventSources } from "./fake-event-source";
import { perUserPing } from "./per-user-ping";

/**
 * One POST route of the widget's API that fails at the network while `down` is set, and notes every
 * request that reached it, answered or not; pings give each user a session of their own. `serve`
 * installs it for a test (the server resets routes after each test); `reset` after each test.
 */
export function flakyRoute<Body>(server: SetupServer, path: string) {
  const route = {
    down: false,
    attempts: [] as Body[],
    serve() {
      server.use(
        http.post(`*/v1/apps/:app/${path}`, async ({ request }) => {
          route.attempts.push((await request.clone().json()) as Body);
          return route.down ? HttpResponse.error() : undefined;
        }),
        perUserPing(),
      );
    },
    reset() {
      route.down = false;
      route.attempts = [];
    },
  };
  return route;
}

export interface HostPage {
  session: Session;
  state: MessengerState;
}

/**
 * Page views of the host's site, each a Messenger session over this window's localStorage, as a
 * reload or a second tab makes them. `close` each page a test leaves open after it.
 */
export function hostPages() {
  const open: HostPage[] = [];

  /** A page view; `before` runs before the session starts (its chunk still loading). */
  async function openPage(settings: Record<string, unknown>, before?: (state: MessengerState) => void): Promise<HostPage> {
    const state = createMessengerState();
    state.settings.replace({ app_id: "demo", ...settings });
    before?.(state);
    const session = createSession({
      apiBase: API,
      appId: "demo",
      state,
      window,
      visitorId: () => "visitor-0001",
      createEventSource: fakeEventSources().create,
      retryDelayMs: () => 5,
    });
    open.push({ session, state });
    await session.ping();
    return { session, state };
  }

  /** The page goes away (a reload or a closed tab): nothing in memory survives, storage does. */
  function leave(page: HostPage) {
    page.session.dispose();
    disposeMessengerState(page.state);
  }

  function closeAll() {
    for (const page of open.splice(0)) leave(page);
  }

  return { openPage, leave, closeAll };
}
