import { effect } from "@preact/signals-core";
import { toJson } from "../host/json";

/**
 * Keeps a list the Messenger must not lose in localStorage under `key` (a `parley-{app_id}-…`
 * key, so `shutdown` removes it with the visitor's others): `restore` gets what an earlier page
 * left, then every change of `current()` is written back (an empty list removes the key).
 * Returns a stop function. Storage that is blocked, full or unreadable only means the list lives
 * in memory.
 */
export function keepStored(win: Window, key: string, current: () => readonly unknown[], restore: (stored: unknown[]) => void): () => void {
  let storage: Storage | null = null;
  try {
    storage = win.localStorage;
    const stored: unknown = JSON.parse(storage.getItem(key) ?? "[]");
    if (Array.isArray(stored)) restore(stored);
  } catch {
    // Unreadable or blocked: start from what is in memory.
  }
  return effect(() => {
    const list = current();
    try {
      if (list.length === 0) storage?.removeItem(key);
      else storage?.setItem(key, toJson(list));
    } catch {
      // Full or blocked storage: the list stays in memory.
    }
  });
}
