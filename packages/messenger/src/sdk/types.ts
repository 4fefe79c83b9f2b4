/** A company the user belongs to (`company`, or each of `companies`). */
export interface IntercomCompany {
  company_id: string | number;
  name?: string;
  created_at?: number;
  plan?: string;
  monthly_spend?: number;
  user_count?: number;
  size?: number;
  website?: string;
  industry?: string;
  [attribute: string]: string | number | boolean | null | undefined;
}

/**
 * `window.intercomSettings` and what `boot` / `update` take: Intercom's keys plus custom
 * attributes (flat strings, numbers, booleans or null) at the top level.
 */
export interface IntercomSettings {
  /** Your Parley app id (`PARLEY_APP_ID`). */
  app_id?: string | number;
  /** Your Parley server, e.g. `https://chat.example.com`; an Intercom host here is ignored. */
  api_base?: string;
  user_id?: string | number;
  email?: string;
  /** hex(HMAC-SHA256(identity secret, user_id ?? email)), computed by your backend. */
  user_hash?: string;
  /** An HS256 JWT signed with the identity secret, instead of user_hash. */
  intercom_user_jwt?: string;
  name?: string;
  phone?: string;
  /** Sign-up time, Unix seconds. */
  created_at?: number;
  company?: IntercomCompany;
  companies?: IntercomCompany[];
  /** The Messenger's language, e.g. `fr` (else the browser's). */
  language_override?: string;
  alignment?: "left" | "right";
  /** Px from the side and from the bottom, at least 20 (desktop). */
  horizontal_padding?: number;
  vertical_padding?: number;
  z_index?: number;
  hide_default_launcher?: boolean;
  /** Clicks on elements matching this CSS selector open the Messenger. */
  custom_launcher_selector?: string;
  hide_notifications?: boolean;
  session_duration?: number;
  /** Buttons, links and the customer's messages. */
  action_color?: string;
  /** The launcher and the Messenger's header. */
  background_color?: string;
  link_color?: string;
  theme_mode?: "light" | "dark" | "system";
  page_title?: string;
  [attribute: string]: unknown;
}

/** What `Intercom({ … })` takes: the settings, plus where to load the Messenger from. */
export interface ParleyProps extends IntercomSettings {
  app_id: string | number;
  /** The loader's address; default `${api_base}/widget/${app_id}`. */
  widget_url?: string;
}

/** The spaces `showSpace` opens. Parley has home, messages and help; the others open Home. */
export type MessengerSpace = "home" | "messages" | "help" | "news" | "tasks" | "tickets";

/** `trackEvent` metadata: at most 10 keys of simple values, links or prices (amount in cents). */
export type EventMetadata = Record<
  string,
  string | number | boolean | null | { url: string; value?: string } | { amount: number; currency: string }
>;

export interface Whoami {
  app_id: string;
  visitor_id: string;
  user_id: string | null;
  email: string | null;
  anonymous: boolean;
}
