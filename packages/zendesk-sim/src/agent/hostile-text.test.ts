// @vitest-environment jsdom
import { findActiveMarkup, XSS_PAYLOADS } from "@parley/protocol/testing/xss";
import { expect, test } from "vitest";
import { BASE, endUser, newTicket, testSimulator } from "../test-client";

// The agent page shows what customers typed (through Parley) as text, whatever they typed.

test.each(XSS_PAYLOADS)("a ticket whose subject, requester, tags and comments carry %j shows them as text", async (payload) => {
  const { api, sim } = testSimulator();
  const requester = await endUser(api, "msgr-xss", payload);
  const ticket = await newTicket(api, { requester_id: requester, subject: payload, tags: ["intercom-messenger"], comment: { body: payload } });
  await sim.fetch(new Request(`${BASE}/agent/tickets/${ticket.id}/comments`, { method: "POST", body: new URLSearchParams({ body: payload, internal: "1", status: "open" }) }));

  for (const path of ["/agent", `/agent/tickets/${ticket.id}`]) {
    const html = await (await sim.fetch(new Request(`${BASE}${path}`))).text();
    const page = new DOMParser().parseFromString(html, "text/html");
    // The page's own stylesheet, refresh script and reply form are its only active markup.
    const own = (element: { tagName: string; getAttribute(name: string): string | null }) =>
      element.tagName === "STYLE" ||
      (element.tagName === "SCRIPT" && element.getAttribute("src") === null && page.querySelectorAll("script").length === 1) ||
      (element.tagName === "FORM" && (element.getAttribute("action") ?? "").startsWith("/agent/"));
    expect(findActiveMarkup(page, own), path).toEqual([]);
    expect(page.querySelectorAll("style").length, path).toBe(1);
    expect(page.querySelectorAll("form").length, path).toBeLessThanOrEqual(1);
    expect(page.body.textContent, path).toContain(payload.replace(/[\u2028\u2029]/g, "").trim());
  }
});
