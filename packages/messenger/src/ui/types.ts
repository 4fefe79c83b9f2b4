import type { ArticleSearchResult, ConversationSummary, HelpArticle, ReplyButton } from "@parley/protocol";
import type { MessengerState } from "../state/models";
import type { FormResult } from "../state/session";
import type { PanelView } from "../state/panel";

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
  /** Go to a screen of the Messenger (the help space at `articleId`, when given). */
  navigate(view: PanelView, articleId?: string): void;
  /** This user's conversations, most recently active first. */
  listConversations(): Promise<readonly ConversationSummary[]>;
  /** Opens one of them in the conversation view. */
  openConversation(conversationId: string): void;
  /** "Send us a message": the conversation view, fresh when the last conversation is resolved. */
  composeMessage(): void;
  /** The help center's articles for a query, best first (the Messenger's language first). */
  searchArticles(query: string): Promise<readonly ArticleSearchResult[]>;
  article(id: string): Promise<HelpArticle>;
}

export interface PanelProps {
  state: MessengerState;
  actions: MessengerActions;
}
