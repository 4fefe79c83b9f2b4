import { ClientId } from "@parley/protocol";
import { afterEach, expect, test } from "vitest";
import { createClientId, createVisitorStore } from "./visitor-store";

afterEach(() => localStorage.clear());

test("client ids fit the protocol's ClientId", () => {
  const ids = new Set(Array.from({ length: 50 }, createClientId));
  expect(ids.size).toBe(50);
  for (const id of ids) expect(ClientId.safeParse(id).success).toBe(true);
});

test("the visitor id is kept per app across page views", () => {
  const id = createVisitorStore(window, "demo").visitorId();

  expect(createVisitorStore(window, "demo").visitorId()).toBe(id);
  expect(createVisitorStore(window, "other").visitorId()).not.toBe(id);
  expect(localStorage.getItem("parley-demo-visitor")).toBe(id);
});

test("clear removes only this app's keys", () => {
  localStorage.setItem("host-app-key", "keep");
  createVisitorStore(window, "other").visitorId();
  const store = createVisitorStore(window, "demo");
  const id = store.visitorId();

  store.clear();

  expect(localStorage.getItem("parley-demo-visitor")).toBeNull();
  expect(localStorage.getItem("parley-other-visitor")).not.toBeNull();
  expect(localStorage.getItem("host-app-key")).toBe("keep");
  expect(store.visitorId()).not.toBe(id);
});

test("works in memory when storage is blocked", () => {
  const blocked = Object.create(window, {
    localStorage: {
      get() {
        throw new DOMException("blocked", "SecurityError");
      },
    },
  }) as Window;
  const store = createVisitorStore(blocked, "demo");

  const id = store.visitorId();

  expect(ClientId.safeParse(id).success).toBe(true);
  expect(store.visitorId()).toBe(id);
});
