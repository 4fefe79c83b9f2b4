import type { PanelProps } from "../types";
import { Avatar } from "./avatar";
import { authorLine } from "./message";
import { useStrings } from "./strings";

/**
 * A reply that arrived while the Messenger was closed, shown in the page above the launcher
 * (unless `hide_notifications`); pressing it opens the conversation.
 */
export function NewMessagePreview({ state, actions }: PanelProps) {
  const t = useStrings();
  const unread = state.panel.unreadCount.value;
  const hidden = state.settings.values.value["hide_notifications"] === true;
  const thread = state.conversation.thread.value;
  const appName = state.connection.session.value?.app.name ?? t.messenger;
  if (state.panel.isOpen.value || unread === 0 || hidden) return null;
  const reply = [...thread].reverse().find((message) => message.author.type === "ai" || message.author.type === "agent");
  if (!reply) return null;
  const author = authorLine(reply, appName, t);
  return (
    <button type="button" class="parley-preview" onClick={() => actions.navigate("conversation")}>
      <Avatar type={author.type} name={author.name} />
      <span class="parley-preview__body">
        <span class="parley-preview__name">{author.name}</span>
        <span class="parley-preview__text" dir="auto">
          {reply.text}
        </span>
      </span>
    </button>
  );
}
