import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { type AdminApi, AdminApiError, type TrustedOrigins, messageOf } from "../api";
import { whileBusy } from "./busy";

/**
 * What the owner reads when the server refuses a list: its own words, with the origin it refused
 * named (the server names only the entry's place in the list, `allowed_origins.2`).
 */
export function refusal(error: unknown, sent: readonly string[] | null): string {
  if (error instanceof AdminApiError && sent !== null) {
    for (const issue of error.issues) {
      const place = /^allowed_origins\.(\d+)$/.exec(issue.path);
      const origin = place ? sent[Number(place[1])] : undefined;
      if (origin !== undefined) return `“${origin}” was refused: ${issue.message}.`;
    }
  }
  return messageOf(error);
}

/**
 * The trusted origins editor: the sites the Messenger may run on, or any site. The server checks
 * every origin (this screen sends what the owner typed and shows what the server kept), and the
 * environment's list, when set, wins.
 */
export function TrustedOriginsEditor({ api }: { api: AdminApi }) {
  const state = useSignal<TrustedOrigins | null>(null);
  const draft = useSignal("");
  const problem = useSignal<string | null>(null);
  const invalid = useSignal(false);
  const notice = useSignal("");
  const busy = useSignal(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    api.trustedOrigins().then(
      (loaded) => (state.value = loaded),
      (error: unknown) => (problem.value = messageOf(error)),
    );
  }, [api]);

  /** Saves the whole list; `done` words the outcome from what the server kept. */
  async function save(origins: string[] | null, done: (kept: TrustedOrigins) => string): Promise<boolean> {
    if (busy.value) return false;
    busy.value = true;
    try {
      const kept = await api.setTrustedOrigins(origins);
      state.value = kept;
      problem.value = null;
      invalid.value = false;
      notice.value = done(kept);
      return true;
    } catch (error) {
      problem.value = refusal(error, origins);
      notice.value = "";
      return false;
    } finally {
      busy.value = false;
    }
  }

  async function add(event: Event) {
    event.preventDefault();
    const origin = draft.value.trim();
    if (origin === "") return;
    const listed = state.value?.allowed_origins ?? null;
    // Named as the server keeps it (lower case, no trailing slash), not as typed.
    const done = (kept: TrustedOrigins) => {
      const added = kept.allowed_origins?.find((item) => !listed?.includes(item)) ?? origin;
      return listed === null ? `Only ${added} can run the Messenger now: every other site is refused.` : `${added} can run the Messenger now.`;
    };
    const saved = await save([...(listed ?? []), origin], done);
    if (saved) draft.value = "";
    else invalid.value = true;
    input.current?.focus();
  }

  async function remove(origin: string) {
    const rest = (state.value?.allowed_origins ?? []).filter((item) => item !== origin);
    // An empty list would lock every site out, and the server refuses it: say so without asking.
    if (rest.length === 0) {
      problem.value = `${origin} is the last trusted site: with none listed, no site could run the Messenger. Add another site first, or allow any site.`;
      invalid.value = false;
      return;
    }
    // The button goes with the origin: keep the keyboard in the editor.
    if (await save(rest, () => `${origin} was removed: it gets no Messenger now.`)) input.current?.focus();
  }

  async function allowAny() {
    if (await save(null, () => "Any site can run the Messenger now.")) input.current?.focus();
  }

  const current = state.value;
  const held = current?.held_by_environment ?? false;
  return (
    <div class="subsection" role="group" aria-labelledby="origins-title">
      <h3 id="origins-title">Trusted sites</h3>
      <p class="muted small">
        The sites the Messenger may run on. With a list, every other site is refused (its requests get <code>403 origin_not_allowed</code>), so a copy of your
        snippet on someone else's page gets no Messenger. <code>https://*.example.com</code> covers every subdomain of example.com, not example.com itself.
        Every server instance follows within 10 seconds.
      </p>
      {current === null ? (
        !problem.value && <p class="muted">Loading…</p>
      ) : current.allowed_origins === null ? (
        <p>
          <strong>Any site</strong> can run the Messenger now.
        </p>
      ) : (
        <ul class="origins" aria-label="Trusted sites">
          {current.allowed_origins.map((origin) => (
            <li key={origin}>
              <code>{origin}</code>
              {!held && (
                <button type="button" class="button button--quiet" aria-label={`Remove ${origin}`} {...whileBusy(busy.value)} onClick={() => remove(origin)}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {held ? (
        <p class="muted small">Held by PARLEY_ALLOWED_ORIGINS on the server: change the list there, or unset it to manage the list here.</p>
      ) : (
        current !== null && (
          <>
            <form class="inline-form" onSubmit={add}>
              <label class="field">
                <span>Site to trust</span>
                <input
                  ref={input}
                  type="text"
                  inputMode="url"
                  autoComplete="off"
                  spellcheck={false}
                  placeholder="https://shop.example.com"
                  required
                  value={draft.value}
                  aria-invalid={invalid.value}
                  aria-describedby={invalid.value ? "origins-problem" : "origins-hint"}
                  onInput={(event) => {
                    draft.value = event.currentTarget.value;
                    invalid.value = false;
                  }}
                />
              </label>
              <button type="submit" class="button" {...whileBusy(busy.value)}>
                Add site
              </button>
              {current.allowed_origins !== null && (
                <button type="button" class="button button--quiet" {...whileBusy(busy.value)} onClick={allowAny}>
                  Allow any site
                </button>
              )}
            </form>
            <p class="muted small" id="origins-hint">
              A scheme and host, with a port if it has one, and no path.{" "}
              {current.allowed_origins === null && "The first site you add shuts every other site out. "}
              The test page of this server runs on <code>{location.origin}</code>: list it too while you test there.
            </p>
          </>
        )
      )}
      <p class="notice" role="status">
        {notice.value}
      </p>
      {problem.value && (
        <p class="error" role="alert" id="origins-problem">
          {problem.value}
        </p>
      )}
    </div>
  );
}
