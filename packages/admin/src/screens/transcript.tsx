import type { ComponentChildren } from "preact";
import type { ConversationOverview, CustomerEvents, Decision, StepDecision, Transcript as TranscriptData } from "../api";

const AUTHORS: Record<string, string> = { customer: "Customer", ai: "AI agent", agent: "Team", system: "Parley" };

/** Why a conversation left the AI agent, in the owner's words. */
export const LEAVE_REASONS: Record<string, string> = {
  asked_for_person: "the customer asked for a person",
  account_specific: "account-specific: only someone with access to the customer's account, order or billing can settle it",
  no_answer: "no answer in the help center",
  no_reply: "the customer did not answer the clarifying question in time",
  follow_up_limit: "the workflow's follow-up limit was reached",
  workflow: "the workflow's path led there",
};
const reasonOf = (reason: string) => LEAVE_REASONS[reason] ?? reason;
const percent = (confidence: number | null) => (confidence === null ? "" : `confidence ${Math.round(confidence * 100)}%`);
const fieldList = (fields: { name: string; value: string | number | boolean }[]) => fields.map((field) => `${field.name} = ${String(field.value)}`).join(", ");
const isWebAddress = (url: string) => /^https?:\/\//i.test(url);

/** One decision as a headline, its details, and a longer text (a note) to show below. */
export function describeDecision(decision: Decision): { title: string; detail: string | null; body: string | null } {
  switch (decision.kind) {
    case "answered":
      return {
        title: "Answered from the help center",
        // The message above links its sources; here they are named, beside how sure the AI agent was.
        detail: [percent(decision.confidence), decision.citations.length > 0 ? `cited: ${decision.citations.map((citation) => citation.title).join(", ")}` : ""]
          .filter(Boolean)
          .join(" · ") || null,
        body: null,
      };
    case "clarified":
      return {
        title: "Asked the customer to clarify",
        detail: [
          percent(decision.confidence),
          decision.options.length > 0 ? `options: ${decision.options.join(" · ")}` : "no article to offer: asked for a few words more",
        ]
          .filter(Boolean)
          .join(" · "),
        body: null,
      };
    case "small_talk":
      return { title: "Replied to small talk", detail: "the ticket was left as it was", body: null };
    case "confirmed":
      return { title: "The customer said the answer helped", detail: "the resolution is confirmed on the ticket", body: null };
    case "left_ai":
      return { title: "Left the AI agent", detail: `${reasonOf(decision.reason)}; the workflow goes on towards its hand-off`, body: null };
    case "handed_off":
      return {
        title: "Handed off to the team",
        detail: `${reasonOf(decision.reason)} · ${decision.mode === "live" ? "as a live chat" : "as a Zendesk ticket"}`,
        body: decision.note,
      };
    case "live_unavailable":
      return { title: "Live chat was not possible", detail: `${decision.reason}; the team got the conversation as a Zendesk ticket instead`, body: null };
    case "note":
      return { title: "Added an internal note", detail: null, body: decision.body };
    case "summary":
      return { title: "Added the AI summary (internal note)", detail: null, body: decision.body };
    case "classified":
      return {
        title: "Classified the ticket",
        detail: [decision.fields.length > 0 ? fieldList(decision.fields) : "", decision.by_llm.length > 0 ? `for the LLM to decide: ${decision.by_llm.join(", ")}` : ""]
          .filter(Boolean)
          .join(" · "),
        body: null,
      };
    case "ticket_fields":
      return { title: "Set ticket fields", detail: fieldList(decision.fields), body: null };
    case "collected":
      return { title: "Collected data", detail: fieldList(Object.entries(decision.values).map(([name, value]) => ({ name, value }))), body: null };
    case "tagged":
      return {
        title: "Tagged the ticket",
        detail: [...decision.add.map((tag) => `+${tag}`), ...decision.remove.map((tag) => `−${tag}`)].join(" "),
        body: null,
      };
    case "returned_to_ai":
      return { title: "The team handed the conversation back to the AI agent", detail: decision.reason ? `Zendesk: ${decision.reason}` : null, body: null };
  }
}

/** The conversation, message by message, with what the AI agent and the workflow decided under each. */
export function Transcript({ data, title, status, onBack }: { data: TranscriptData; title: string; status: string; onBack(): void }) {
  const { conversation, messages, decisions, customer_events: events } = data;
  const ids = new Set(messages.map((message) => message.id));
  const under = (id: string | null) => decisions.filter((entry) => entry.after_message_id === id);
  const unplaced = decisions.filter((entry) => entry.after_message_id === null || !ids.has(entry.after_message_id));
  return (
    <section aria-labelledby="transcript-title">
      <button type="button" class="button button--quiet" onClick={onBack}>
        Back to conversations
      </button>
      <h1 id="transcript-title">{title}</h1>
      <p class="muted">
        {status}
        {conversation.tags.length > 0 && ` · ${conversation.tags.join(", ")}`}
        {conversation.ticket_url && (
          <>
            {" · "}
            <a href={conversation.ticket_url} target="_blank" rel="noreferrer">
              Zendesk ticket #{conversation.ticket_id}
            </a>
          </>
        )}
      </p>
      <ol class="transcript">
        {messages.map((message) => (
          <li key={message.id} class={`transcript__message transcript__message--${message.author.type}`}>
            <div class="small muted">
              <strong>{AUTHORS[message.author.type] ?? message.author.type}</strong>
              {message.author.name && message.author.type === "agent" && ` · ${message.author.name}`} ·{" "}
              <time dateTime={message.created_at}>{new Date(message.created_at).toLocaleString()}</time>
            </div>
            <p class="transcript__text">{message.text}</p>
            {message.citations.length > 0 && (
              <div class="small">
                Sources:{" "}
                {message.citations.map((citation, i) => (
                  <span key={citation.url}>
                    {i > 0 && ", "}
                    <Cited title={citation.title} url={citation.url} />
                  </span>
                ))}
              </div>
            )}
            {message.buttons.length > 0 && <div class="small muted">Offered: {message.buttons.map((button) => button.label).join(" · ")}</div>}
            <Decisions entries={under(message.id)} conversation={conversation} />
          </li>
        ))}
      </ol>
      {unplaced.length > 0 && <Decisions entries={unplaced} conversation={conversation} />}
      <CustomerActivity events={events} />
    </section>
  );
}

function Cited({ title, url }: { title: string; url: string }) {
  // Stored before the server kept only web addresses: anything else is shown as text.
  return isWebAddress(url) ? (
    <a href={url} target="_blank" rel="noreferrer">
      {title}
    </a>
  ) : (
    <>{title}</>
  );
}

function Decisions({ entries, conversation }: { entries: StepDecision[]; conversation: ConversationOverview }) {
  if (entries.length === 0) return null;
  return (
    <ul class="decisions" aria-label="What was decided">
      {entries.map(({ id, decision }) => {
        const described = describeDecision(decision);
        let extra: ComponentChildren = null;
        if (decision.kind === "handed_off" && conversation.ticket_url) {
          extra = (
            <div class="small">
              <a href={conversation.ticket_url} target="_blank" rel="noreferrer">
                Open ticket #{conversation.ticket_id} in Zendesk
              </a>
            </div>
          );
        }
        return (
          <li key={id} class={`decision decision--${decision.kind}`}>
            <strong>{described.title}</strong>
            {described.detail && <span class="muted"> · {described.detail}</span>}
            {extra}
            {described.body && <pre class="decision__body">{described.body}</pre>}
          </li>
        );
      })}
    </ul>
  );
}

/** What the customer's pages tracked with Intercom('trackEvent'), beside what they wrote. */
function CustomerActivity({ events }: { events: CustomerEvents }) {
  return (
    <section class="card" aria-labelledby="activity-title">
      <h2 id="activity-title">What the customer did on your site</h2>
      {events.summary.length === 0 ? (
        <p class="muted">No tracked events for this customer (your pages send them with Intercom('trackEvent', name, metadata)).</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">Tracked events by name</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Times</th>
              <th scope="col">Last</th>
              <th scope="col">Latest details</th>
            </tr>
          </thead>
          <tbody>
            {events.summary.map((row) => {
              const latest = events.recent.find((event) => event.event_name === row.event_name);
              return (
                <tr key={row.event_name}>
                  <th scope="row">{row.event_name}</th>
                  <td>{row.count}</td>
                  <td>
                    <time dateTime={row.last_at}>{new Date(row.last_at).toLocaleString()}</time>
                  </td>
                  <td class="small">{latest ? metadataText(latest.metadata) : ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function metadataText(metadata: Record<string, unknown>): string {
  return Object.entries(metadata)
    .map(([key, value]) => `${key}: ${typeof value === "object" && value !== null ? JSON.stringify(value) : String(value)}`)
    .join(", ");
}
