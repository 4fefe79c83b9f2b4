import { expect, test } from "vitest";
import { safeImageUrl, safeLinkUrl } from "./safe-url";

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
