import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/preact";
import { afterEach } from "vitest";

// The first test of a file to open the Messenger compiles the panel chunk; on a busy machine
// that can take longer than Testing Library's default second.
configure({ asyncUtilTimeout: 4_000 });

afterEach(() => {
  cleanup();
});
