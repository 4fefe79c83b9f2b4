import { fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, expect, test, vi } from "vitest";
import { CodeBlock } from "./code-block";

const CODE = '<script>window.intercomSettings = { app_id: "demo" };</script>';

afterEach(() => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(document, "execCommand");
  window.getSelection()?.removeAllRanges();
});

/** A console opened over plain HTTP on another machine's address has no navigator.clipboard at all. */
function withoutClipboardApi() {
  vi.stubGlobal("navigator", { ...navigator, clipboard: undefined });
}

test("where the clipboard API is missing (a console over plain HTTP), the code is still copied", async () => {
  withoutClipboardApi();
  const copied: string[] = [];
  Object.defineProperty(document, "execCommand", {
    configurable: true,
    value: vi.fn((command: string) => {
      copied.push(`${command}:${window.getSelection()?.toString() ?? ""}`);
      return true;
    }),
  });
  render(<CodeBlock code={CODE} label="Installation code" />);
  fireEvent.click(screen.getByRole("button", { name: "Copy code" }));
  expect(await screen.findByText("Copied to the clipboard.")).toBeInTheDocument();
  expect(copied).toEqual([`copy:${CODE}`]);
});

test("where the browser copies nothing, the code is left selected, ready for Ctrl+C, and the owner is told so", async () => {
  withoutClipboardApi();
  Object.defineProperty(document, "execCommand", { configurable: true, value: vi.fn(() => false) });
  render(<CodeBlock code={CODE} label="Installation code" />);
  fireEvent.click(screen.getByRole("button", { name: "Copy code" }));
  expect(await screen.findByText(/The code is selected: press Ctrl\+C/)).toBeInTheDocument();
  expect(window.getSelection()?.toString()).toBe(CODE);
});
