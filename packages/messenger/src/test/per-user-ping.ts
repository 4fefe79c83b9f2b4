import { PingRequest } from "@parley/protocol";
import { http, HttpResponse } from "msw";
import { pingResponse } from "./fixtures";
import { pingUserId } from "./jwt";

/**
 * A ping route that gives each user (or anonymous visitor) a session token of their own, so a
 * recorded request says whose session sent it.
 */
export const perUserPing = () =>
  http.post("*/v1/apps/:app/ping", async ({ request }) => {
    const body = PingRequest.parse(await request.json());
    const userId = pingUserId(body.user);
    return HttpResponse.json(
      pingResponse({
        session: { token: `token-${userId ?? body.visitor_id}`, expires_at: "2099-01-01T00:00:00.000Z" },
        user: { id: `contact-${userId ?? body.visitor_id}`, user_id: userId, email: null, name: null, verified: false, anonymous: userId === null },
      }),
    );
  });
