import type { ReplyButton } from "@parley/protocol";
import type { MessengerState } from "../state/models";
import type { FormResult } from "../state/session";

/** What the UI can ask for. Components read the models' signals and call only these. */
export interface MessengerActions {
  /** Launcher click: open or close the Messenger. */
  toggle(): void;
  close(): void;
  send(text: string): void;
  pressButton(button: ReplyButton): void;
  retry(clientId: string): void;
  /** Sends a collect-data form; resolves with what the server said of it. */
  submitForm(text: string, form: Record<string, string>): Promise<FormResult>;
  /** Leave a handed-off or resolved conversation and start afresh. */
  newConversation(): void;
}

export interface PanelProps {
  state: MessengerState;
  actions: MessengerActions;
}
