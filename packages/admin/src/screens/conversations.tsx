import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { type AdminApi, type ConversationOverview, messageOf, type Transcript as TranscriptData } from "../api";
import { Transcript } from "./transcript";

const STATUSES: { value: string; label: string }[] = [
  { value: "", label: "All" },
  { value: "ai", label: "With the AI agent" },
  { value: "resolved", label: "Resolved by the AI agent" },
  { value: "team", label: "With the team" },
];
const statusLabel = (status: string) => STATUSES.find((item) => item.value === status)?.label ?? status;
const customerOf = (conversation: ConversationOverview) =>
  conversation.contact.name ?? conversation.contact.email ?? conversation.contact.user_id ?? "Anonymous visitor";

/** Every conversation, filtered by status and tag; one opens with its transcript and its Zendesk ticket. */
export function Conversations({ api }: { api: AdminApi }) {
  const status = useSignal("");
  const tag = useSignal("");
  const list = useSignal<ConversationOverview[] | null>(null);
  const open = useSignal<TranscriptData | null>(null);
  const problem = useSignal<string | null>(null);

  async function load() {
    problem.value = null;
    try {
      list.value = await api.conversations({ status: status.value, tag: tag.value.trim() });
    } catch (error) {
      problem.value = messageOf(error);
    }
  }
  useEffect(() => {
    void load();
  }, [api]);

  async function show(id: string) {
    try {
      open.value = await api.conversation(id);
    } catch (error) {
      problem.value = messageOf(error);
    }
  }

  if (open.value !== null) {
    const data = open.value;
    return <Transcript data={data} title={customerOf(data.conversation)} status={statusLabel(data.conversation.status)} onBack={() => (open.value = null)} />;
  }
  return (
    <section aria-labelledby="conversations-title">
      <h1 id="conversations-title">Conversations</h1>
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          void load();
        }}
      >
        <label class="field">
          <span>Status</span>
          <select value={status.value} onChange={(event) => (status.value = event.currentTarget.value)}>
            {STATUSES.map((item) => (
              <option key={item.value} value={item.value}>
                {item.label}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>Tag</span>
          <input type="text" placeholder="fin-routed-to-team" value={tag.value} onInput={(event) => (tag.value = event.currentTarget.value)} />
        </label>
        <button type="submit" class="button">
          Filter
        </button>
      </form>
      {problem.value && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
      {list.value === null ? (
        <p class="muted">Loading conversations…</p>
      ) : list.value.length === 0 ? (
        <p class="muted">No conversation matches.</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Status</th>
              <th scope="col">Tags</th>
              <th scope="col">Messages</th>
              <th scope="col">Last activity</th>
            </tr>
          </thead>
          <tbody>
            {list.value.map((conversation) => (
              <tr key={conversation.id}>
                <td>
                  <button type="button" class="link" onClick={() => show(conversation.id)}>
                    {customerOf(conversation)}
                  </button>
                  {conversation.contact.verified && <div class="muted small">Verified</div>}
                </td>
                <td>{statusLabel(conversation.status)}</td>
                <td>
                  <ul class="tags">
                    {conversation.tags.map((name) => (
                      <li key={name}>{name}</li>
                    ))}
                  </ul>
                </td>
                <td>{conversation.message_count}</td>
                <td>
                  <time dateTime={conversation.updated_at}>{new Date(conversation.updated_at).toLocaleString()}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
