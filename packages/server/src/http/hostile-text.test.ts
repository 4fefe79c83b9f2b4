import { findActiveMarkup, XSS_PAYLOADS } from "@parley/protocol/testing/xss";
import { JSDOM } from "jsdom";
import { afterEach, expect, test } from "vitest";
import { helpArticlePage, helpIndexPage } from "../demo/help";
import { type TestParley, testParley } from "../testing/parley";

// Every hostile payload, written into every server-rendered page where text appears, stays text.

let server: TestParley | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const text = (html: string) => new JSDOM(html).window.document.body.textContent ?? "";

test.each(XSS_PAYLOADS)("a help article carrying %j shows it as text and runs nothing", (payload) => {
  const article = { id: "a", title: payload, url: payload, locale: "en", translationOf: null, body: `Intro ${payload}\n\n## ${payload}\n\n- ${payload}\n\n> ${payload}` };
  for (const html of [helpArticlePage(payload, article), helpIndexPage(payload, [article])]) {
    const dom = new JSDOM(html);
    // The page's own stylesheet is its only <style>.
    expect(findActiveMarkup(dom.window.document, (element) => element.tagName === "STYLE")).toEqual([]);
    expect(dom.window.document.querySelectorAll("style").length).toBe(1);
    expect(dom.window.document.title).toContain(payload.replace(/[\u2028\u2029]/g, "").trim().slice(0, 10));
  }
  // Markdown may reshape a payload (a link becomes its text), but never drops the title.
  expect(text(helpArticlePage("Store", article))).toContain(payload.trim());
});

test.each(XSS_PAYLOADS)("the demo page with the app named %j runs only its own scripts", async (payload) => {
  server = await testParley({ PARLEY_APP_NAME: payload, PARLEY_GREETING: payload });
  const response = await server.request("http://localhost:8787/");
  const html = await response.text();
  const csp = response.headers.get("content-security-policy") ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeDefined();
  const dom = new JSDOM(html);
  const own = (element: { tagName: string; getAttribute(name: string): string | null }) =>
    (element.tagName === "SCRIPT" && element.getAttribute("nonce") === nonce) || element.tagName === "STYLE";
  expect(findActiveMarkup(dom.window.document, own)).toEqual([]);
  expect(dom.window.document.querySelectorAll("script").length).toBe(2);
  expect(dom.window.document.querySelectorAll("style").length).toBe(1);
  expect(text(html)).toContain(payload.trim());
});

test("help pages and the demo page carry CSP, frame-ancestors, Referrer-Policy and nosniff; help pages run no script at all", async () => {
  server = await testParley();
  for (const path of ["/", "/help", "/help/returns-and-refunds"]) {
    const response = await server.request(`http://localhost:8787${path}`);
    expect(response.status, path).toBe(200);
    expect(response.headers.get("content-security-policy"), path).toMatch(/frame-ancestors 'self'/);
    expect(response.headers.get("content-security-policy"), path).toMatch(/default-src 'none'/);
    expect(response.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
  }
  const help = await server.request("http://localhost:8787/help");
  expect(help.headers.get("content-security-policy")).not.toMatch(/script-src/);
  const demo = await server.request("http://localhost:8787/");
  expect(demo.headers.get("content-security-policy")).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+' http:\/\/localhost:8787/);
  // A new nonce every time: a nonce seen once is of no use to an injected script.
  const again = await server.request("http://localhost:8787/");
  expect(again.headers.get("content-security-policy")).not.toBe(demo.headers.get("content-security-policy"));
  // Its nonce and the address it names (from the Host header without PARLEY_PUBLIC_URL) are this
  // response's own: no cache may keep it and hand it to someone else.
  expect(demo.headers.get("cache-control")).toBe("no-store");
});
