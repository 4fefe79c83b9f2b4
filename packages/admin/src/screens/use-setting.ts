import { type Signal, useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { messageOf } from "../api";

/**
 * A setting the console reads once and changes with a switch: its value, the last problem as text,
 * and `change`, which stores the server's answer (or the problem) and clears an earlier problem.
 * Changes reach the server one after another, in the order they were made, and only the answer to
 * the last one is shown: a switch pressed twice quickly ends as the second press left it, never
 * flipped back by the answer to the first.
 */
export function useSetting<T>(load: () => Promise<T>, deps: readonly unknown[]): {
  state: Signal<T | null>;
  problem: Signal<string | null>;
  change: (save: () => Promise<T>) => Promise<void>;
} {
  const state = useSignal<T | null>(null);
  const problem = useSignal<string | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const latest = useRef(0);
  useEffect(() => {
    load().then(
      (loaded) => (state.value = loaded),
      (error: unknown) => (problem.value = messageOf(error)),
    );
  }, deps);
  function change(save: () => Promise<T>): Promise<void> {
    const ticket = ++latest.current;
    const run = queue.current.then(async () => {
      try {
        const saved = await save();
        if (ticket !== latest.current) return;
        state.value = saved;
        problem.value = null;
      } catch (error) {
        if (ticket === latest.current) problem.value = messageOf(error);
      }
    });
    queue.current = run;
    return run;
  }
  return { state, problem, change };
}
