import { signal } from "@preact/signals";
import type { AdminApi, SetupState } from "./api";

/** The five steps as the server last told them: the navigation and the setup home read it. */
export const setupState = signal<SetupState | null>(null);
export const setupProblem = signal<string | null>(null);

/** Asks the server again, after any change that may finish (or undo) a step. */
export async function refreshSetup(api: AdminApi): Promise<void> {
  try {
    setupState.value = await api.setup();
    setupProblem.value = null;
  } catch (error) {
    setupProblem.value = error instanceof Error ? error.message : String(error);
  }
}
