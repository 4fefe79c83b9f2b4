import type { Hono } from "hono";
import { recordNotFound } from "../account/errors";
import { parseRecord } from "../account/input";
import { userJson } from "../account/json";
import { createOrUpdateUser, createUser, searchUsers, UserInput } from "../account/users";
import type { SimulatedZendesk } from "../zendesk";
import { baseUrl, idParam, json, listParam, paginate, readRoot, type ApiEnv } from "./http";

/** The Users API: the lookups and the create-or-update Parley binds its users with. */
export function userRoutes(app: Hono<ApiEnv>, zendesk: SimulatedZendesk): void {
  app.post("/api/v2/users/create_or_update", async (c) => {
    const input = await readRoot(c, "user");
    const { user, created } = createOrUpdateUser(zendesk.store, input, zendesk.now());
    const body = { user: userJson(user, baseUrl(c)) };
    return created ? json(201, body, { Location: `${baseUrl(c)}/api/v2/users/${user.id}.json` }) : json(200, body);
  });

  app.post("/api/v2/users", async (c) => {
    const input = parseRecord(UserInput, await readRoot(c, "user"));
    const user = createUser(zendesk.store, input, zendesk.now());
    return json(201, { user: userJson(user, baseUrl(c)) }, { Location: `${baseUrl(c)}/api/v2/users/${user.id}.json` });
  });

  app.get("/api/v2/users/me", (c) => json(200, { user: userJson(c.get("user"), baseUrl(c)) }));

  app.get("/api/v2/users/search", (c) => {
    const externalId = c.req.query("external_id");
    const query = c.req.query("query");
    const users =
      externalId !== undefined
        ? [...zendesk.store.users.values()].filter((user) => user.external_id?.toLowerCase() === externalId.toLowerCase())
        : searchUsers(zendesk.store, query ?? "");
    return json(200, paginate(c.req.url, "users", users, (user) => userJson(user, baseUrl(c))));
  });

  app.get("/api/v2/users/show_many", (c) => {
    const ids = listParam(c, "ids").map(Number);
    const externalIds = listParam(c, "external_ids");
    const found = ids.length
      ? ids.map((id) => zendesk.store.users.get(id))
      : externalIds.map((externalId) => zendesk.store.userByExternalId(externalId));
    const users = found.filter((user) => user !== undefined).slice(0, 100);
    const page = { next_page: null, previous_page: null, count: users.length };
    return json(200, { users: users.map((user) => userJson(user, baseUrl(c))), ...page });
  });

  app.get("/api/v2/users", (c) =>
    json(200, paginate(c.req.url, "users", [...zendesk.store.users.values()], (user) => userJson(user, baseUrl(c)))),
  );

  app.get("/api/v2/users/:id", (c) => {
    const user = zendesk.store.users.get(idParam(c, "id"));
    if (!user) throw recordNotFound();
    return json(200, { user: userJson(user, baseUrl(c)) });
  });
}
