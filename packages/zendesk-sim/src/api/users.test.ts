import { expect, test } from "vitest";
import { testSimulator } from "../test-client";

test("create_or_update creates with 201, then updates the same user with 200", async () => {
  const { api } = testSimulator();
  const created = await api("POST", "/api/v2/users/create_or_update.json", {
    user: { name: "Jane Doe", email: "Jane@Example.com", external_id: "msgr_ABC", role: "end-user", skip_verify_email: true },
  });
  expect(created.status).toBe(201);
  expect(created.body.user).toMatchObject({ name: "Jane Doe", email: "jane@example.com", external_id: "msgr_ABC", role: "end-user" });

  const updated = await api("POST", "/api/v2/users/create_or_update", { user: { name: "Jane Smith", external_id: "msgr_ABC" } });
  expect(updated.status).toBe(200);
  expect(updated.body.user).toMatchObject({ id: created.body.user.id, name: "Jane Smith", email: "jane@example.com" });
});

test("create_or_update matches the external id whatever its case, and keeps the latest case", async () => {
  const { api } = testSimulator();
  const created = await api("POST", "/api/v2/users/create_or_update", { user: { name: "Sam", external_id: "User-42" } });

  const again = await api("POST", "/api/v2/users/create_or_update", { user: { name: "Sam", external_id: "user-42" } });

  expect(again.status).toBe(200);
  expect(again.body.user.id).toBe(created.body.user.id);
  expect(again.body.user.external_id).toBe("user-42");
  const found = await api("GET", "/api/v2/users/search.json?external_id=USER-42");
  expect(found.body.users.map((user: { id: number }) => user.id)).toEqual([created.body.user.id]);
});

test("create_or_update falls back to the email, and a new user needs a name", async () => {
  const { api } = testSimulator();
  const byEmail = await api("POST", "/api/v2/users/create_or_update", { user: { name: "Kim", email: "kim@example.com" } });
  const linked = await api("POST", "/api/v2/users/create_or_update", { user: { email: "KIM@example.com", external_id: "kim-1" } });
  expect(linked.status).toBe(200);
  expect(linked.body.user).toMatchObject({ id: byEmail.body.user.id, external_id: "kim-1", name: "Kim" });

  const nameless = await api("POST", "/api/v2/users/create_or_update", { user: { email: "nobody@example.com" } });
  expect(nameless.status).toBe(422);
  expect(nameless.body).toMatchObject({ error: "RecordInvalid", details: { name: [{ error: "InvalidValue" }] } });

  const badEmail = await api("POST", "/api/v2/users/create_or_update", { user: { name: "X", email: "not-an-email" } });
  expect(badEmail.status).toBe(422);
  expect(badEmail.body.details.email[0].error).toBe("InvalidFormat");
});

test("users are found by query, by id, in bulk, and a missing one is a 404", async () => {
  const { api } = testSimulator();
  const a = (await api("POST", "/api/v2/users/create_or_update", { user: { name: "Ada Lovelace", email: "ada@example.com", external_id: "a" } })).body.user;
  const b = (await api("POST", "/api/v2/users/create_or_update", { user: { name: "Grace Hopper", email: "grace@example.com", external_id: "b" } })).body.user;

  expect((await api("GET", "/api/v2/users/search?query=ada@example.com")).body.users.map((u: { id: number }) => u.id)).toEqual([a.id]);
  expect((await api("GET", "/api/v2/users/search?query=email:grace@example.com")).body.users.map((u: { id: number }) => u.id)).toEqual([b.id]);
  expect((await api("GET", `/api/v2/users/search.json?query=${encodeURIComponent("hopper")}`)).body.count).toBe(1);
  expect((await api("GET", `/api/v2/users/show_many.json?external_ids=b,a,zzz`)).body.users.map((u: { id: number }) => u.id)).toEqual([b.id, a.id]);
  expect((await api("GET", `/api/v2/users/show_many?ids=${a.id}`)).body.users).toHaveLength(1);
  expect((await api("GET", `/api/v2/users/${b.id}`)).body.user.name).toBe("Grace Hopper");
  expect(await api("GET", "/api/v2/users/123.json")).toMatchObject({ status: 404, body: { error: "RecordNotFound", description: "Not found" } });
});
