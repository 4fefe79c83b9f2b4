import { findActiveMarkup, XSS_PAYLOADS } from "@parley/protocol/testing/xss";
import { waitFor } from "@testing-library/preact";
import { http, HttpResponse } from "msw";
import { expect, test } from "vitest";
import { useApiServer } from "../test/api-server";
import { message, pingResponse } from "../test/fixtures";
import { messengerRoot, startMessenger, ui } from "../test/harness";

const { server, answers } = useApiServer();

const summary = { id: "conv_1", status: "ai" as const, version: 1, created_at: "2025-06-01T09:00:00.000Z", updated_at: "2025-06-01T09:00:00.000Z" };

test("hostile text from a customer, an agent, the AI and an article is shown as text; nothing in it runs or links to script", async () => {
  const messages = XSS_PAYLOADS.flatMap((payload, i) => [
    message({ id: `msg_c${i}`, text: payload, author: { type: "customer", name: payload } }),
    message({ id: `msg_g${i}`, text: payload, author: { type: "agent", name: payload } }),
  ]);
  const answer = message({
    id: "msg_ai",
    text: XSS_PAYLOADS.join("\n"),
    author: { type: "ai", name: XSS_PAYLOADS[0]! },
    citations: XSS_PAYLOADS.map((payload) => ({ title: payload, url: payload.includes("javascript") ? "javascript:alert(1)" : "https://help.example.com/a" })),
    buttons: [{ label: XSS_PAYLOADS[1]!, action: "handoff" }],
  });
  answers.ping = () => pingResponse({ app: { id: "demo", name: XSS_PAYLOADS[2]!, greeting: XSS_PAYLOADS[0]! }, conversations: [{ ...summary, last_message: answer }] });
  server.use(http.get("*/v1/apps/:app/conversations/:id", () => HttpResponse.json({ conversation: summary, messages: [...messages, answer] })));

  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  intercom("showConversation", "conv_1");
  await waitFor(() => expect(ui().getAllByText(XSS_PAYLOADS[3]!, { exact: false }).length).toBeGreaterThan(0));

  const root = messengerRoot()!;
  // The widget's own stylesheet, icons and composer (a form that posts nowhere) are its only active markup.
  const own = (element: { tagName: string; getAttribute(name: string): string | null }) =>
    ["style", "svg"].includes(element.tagName.toLowerCase()) || (element.tagName.toLowerCase() === "form" && element.getAttribute("action") === null);
  expect(findActiveMarkup(root, own)).toEqual([]);
  expect(root.querySelectorAll("svg script, svg foreignObject, form[action]").length).toBe(0);
  const shown = root.textContent ?? "";
  for (const payload of XSS_PAYLOADS) expect(shown).toContain(payload.replace(/[\u2028\u2029]/g, "").trim());
  // A citation whose address could run script is shown without a link.
  const links = [...root.querySelectorAll("a")].map((link) => link.getAttribute("href"));
  expect(links.length).toBeGreaterThan(0);
  expect(links.every((href) => href === "https://help.example.com/a")).toBe(true);
});
