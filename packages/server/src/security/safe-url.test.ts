import { expect, test } from "vitest";
import { safeImageUrl, safeLinkUrl, safeMarkupImageUrl, safeMarkupLinkUrl } from "./safe-url";

test.each(["/help/returns", "returns", "#top", "https://help.example.com/a?b=1", "http://x.test", "mailto:help@example.com", "tel:+15551234", "//cdn.example.com/x"])(
  "%s may be a link",
  (url) => {
    expect(safeLinkUrl(url)).toBe(url);
  },
);

test.each([
  "javascript:alert(1)",
  "JavaScript:alert(1)",
  " javascript:alert(1)",
  "java\tscript:alert(1)",
  "java\nscript:alert(1)",
  "\u0000javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "file:///etc/passwd",
  "http://[::1",
])("%j never becomes a link", (url) => {
  expect(safeLinkUrl(url)).toBeNull();
});

test("images load only from web addresses", () => {
  expect(safeImageUrl("/img/a.png")).toBe("/img/a.png");
  expect(safeImageUrl("mailto:a@b.c")).toBeNull();
  expect(safeImageUrl("data:image/svg+xml,<svg onload=alert(1)>")).toBeNull();
});

test.each(["&#106;avascript:alert(1)", "javascript&colon;alert(1)", "java&Tab;script:alert(1)", "&#x64;ata:text/html,x"])(
  "%j, a script address once the browser decodes its references, never becomes a link or an image in markup",
  (url) => {
    expect(safeMarkupLinkUrl(url)).toBeNull();
    expect(safeMarkupImageUrl(url)).toBeNull();
  },
);

test("in markup, references after the scheme keep a link working", () => {
  expect(safeMarkupLinkUrl("https://help.example.com/a?b=1&amp;c=2")).toBe("https://help.example.com/a?b=1&amp;c=2");
  expect(safeMarkupLinkUrl("/help/a#x&amp;y")).toBe("/help/a#x&amp;y");
  expect(safeMarkupImageUrl("https://cdn.example.com/a.png?w=1&amp;h=2")).toBe("https://cdn.example.com/a.png?w=1&amp;h=2");
  expect(safeMarkupLinkUrl("javascript:alert(1)")).toBeNull();
});
