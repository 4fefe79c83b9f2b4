import { type Signal, useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { messageOf } from "../api";

/**
 * A setting the console reads once and changes with a switch: its value, the last problem as text,
 * and `change`, which stores the server's answer (or the problem) and clears an earlier problem.
 */
export function useSetting<T>(load: () => Promise<T>, deps: readonly unknown[]): {
  state: Signal<T | null>;
  problem: Signal<string | null>;
  change: (save: () => Promise<T>) => Promise<void>;
} {
  const state = useSignal<T | null>(null);
  const problem = useSignal<string | null>(null);
  useEffect(() => {
    load().then(
      (loaded) => (state.value = loaded),
      (error: unknown) => (problem.value = messageOf(error)),
    );
  }, deps);
  async function change(save: () => Promise<T>) {
    try {
      state.value = await save();
      problem.value = null;
    } catch (error) {
      problem.value = messageOf(error);
    }
  }
  return { state, problem, change };
}
