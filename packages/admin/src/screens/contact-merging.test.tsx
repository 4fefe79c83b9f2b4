import { render, screen } from "@testing-library/preact";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "vitest";
import { AdminApi } from "../api";
import { ContactMergingSwitch } from "./contact-merging";

const BASE = "http://parley.test/admin/api";
let stored = false;
let heldOn = false;
const sent: unknown[] = [];
const answer = () => HttpResponse.json({ merge_unverified_contacts: { enabled: heldOn || stored, setting: stored, held_on_by_environment: heldOn } });
const server = setupServer(
  http.get(`${BASE}/identity/merging`, answer),
  http.put(`${BASE}/identity/merging`, async ({ request }) => {
    const body = (await request.json()) as { merge: boolean };
    sent.push(body);
    stored = body.merge;
    return answer();
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(() => {
  stored = false;
  heldOn = false;
  sent.length = 0;
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

test("merging is off on a new install, says why, and the owner turns it on and off again", async () => {
  render(<ContactMergingSwitch api={new AdminApi("owner-token", BASE)} />);
  const merge = await screen.findByRole("switch", { name: "Merge earlier unverified contacts into verified users" });
  expect(merge).not.toBeChecked();
  expect(merge).toBeEnabled();
  // The consequences are read with the switch, not only seen near it.
  expect(merge).toHaveAccessibleDescription(/anyone could have made those earlier contacts/);

  const user = userEvent.setup();
  await user.click(merge);
  await expect.poll(() => merge).toBeChecked();
  await user.click(merge);
  await expect.poll(() => merge).not.toBeChecked();
  expect(sent).toEqual([{ merge: true }, { merge: false }]);
});

test("pressed twice quickly, the switch ends as the second press left it, and the server gets both in order", async () => {
  let releaseFirst = () => {};
  const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
  server.use(
    http.put(`${BASE}/identity/merging`, async ({ request }) => {
      const body = (await request.json()) as { merge: boolean };
      sent.push(body);
      if (sent.length === 1) await firstHeld;
      stored = body.merge;
      return answer();
    }),
  );
  render(<ContactMergingSwitch api={new AdminApi("owner-token", BASE)} />);
  const merge = await screen.findByRole("switch", { name: /Merge earlier/ });
  const user = userEvent.setup();
  await user.click(merge);
  await user.click(merge);
  releaseFirst();
  await expect.poll(() => sent.length).toBe(2);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(merge).not.toBeChecked();
  expect(sent).toEqual([{ merge: true }, { merge: false }]);
  expect(stored).toBe(false);
});

test("held on by the environment, the switch shows on, cannot be changed here, and names the variable", async () => {
  heldOn = true;
  render(<ContactMergingSwitch api={new AdminApi("owner-token", BASE)} />);
  const merge = await screen.findByRole("switch", { name: "Merge earlier unverified contacts into verified users" });
  expect(merge).toBeChecked();
  expect(merge).toBeDisabled();
  expect(screen.getByText(/Held on by PARLEY_MERGE_UNVERIFIED_CONTACTS/)).toBeInTheDocument();
});

test("a refused change keeps the switch as it was and shows the server's words", async () => {
  server.use(http.put(`${BASE}/identity/merging`, () => HttpResponse.json({ error: { code: "unauthorized", message: "Sign in again." } }, { status: 401 })));
  render(<ContactMergingSwitch api={new AdminApi("owner-token", BASE)} />);
  const merge = await screen.findByRole("switch", { name: /Merge earlier/ });
  await userEvent.setup().click(merge);
  expect(await screen.findByRole("alert")).toHaveTextContent("Sign in again.");
  expect(merge).not.toBeChecked();
});
