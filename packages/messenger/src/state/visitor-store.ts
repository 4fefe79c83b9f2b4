/**
 * The anonymous visitor id, kept in localStorage across visits (Intercom's `intercom-id-{app}`
 * cookie plays the same role). Keys are `parley-{app_id}-…`, so `shutdown` can remove all of ours.
 */
export interface VisitorStore {
  /** The stored visitor id, created and stored on first use. */
  visitorId(): string;
  /** Forgets every `parley-{app_id}-…` key: the next visitorId() is a new visitor. */
  clear(): void;
}

/**
 * A fresh id that fits the protocol's `ClientId` (letters, digits and `-`, 36 characters):
 * used for visitor ids and message client ids. `crypto.randomUUID` only exists in secure
 * contexts, so plain-http pages fall back to `getRandomValues`.
 */
export function createClientId(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === "function") return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  if (typeof crypto?.getRandomValues === "function") crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function storageOf(win: Window): Storage | null {
  try {
    return win.localStorage ?? null;
  } catch {
    // Blocked storage (sandboxed iframes, some privacy modes) throws on access.
    return null;
  }
}

/** The visitor id store of one app on one page. Works (in memory) when storage is blocked. */
export function createVisitorStore(win: Window, appId: string): VisitorStore {
  const prefix = `parley-${appId}-`;
  const key = `${prefix}visitor`;
  let remembered: string | null = null;

  return {
    visitorId() {
      if (remembered) return remembered;
      const storage = storageOf(win);
      try {
        const stored = storage?.getItem(key);
        if (stored && /^[A-Za-z0-9_-]{8,64}$/.test(stored)) return (remembered = stored);
      } catch {
        // Fall through to a new id.
      }
      remembered = createClientId();
      try {
        storage?.setItem(key, remembered);
      } catch {
        // Full or blocked storage: the id lives for this page view only.
      }
      return remembered;
    },
    clear() {
      remembered = null;
      const storage = storageOf(win);
      if (!storage) return;
      try {
        const ours: string[] = [];
        for (let i = 0; i < storage.length; i++) {
          const name = storage.key(i);
          if (name?.startsWith(prefix)) ours.push(name);
        }
        for (const name of ours) storage.removeItem(name);
      } catch {
        // Nothing more we can do with blocked storage.
      }
    },
  };
}
