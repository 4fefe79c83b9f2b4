import { Attributes, LIMITS, PingUser, type PingRequest } from "@parley/protocol";
import type { IntercomSettings } from "../api/intercom-settings";

/** Identity keys of the settings that go into `PingRequest.user` as they are. */
const USER_KEYS = ["user_id", "email", "name", "phone", "user_hash", "intercom_user_jwt"] as const;

/**
 * Settings keys that are not custom attributes: Messenger behaviour (§4.1 of the Intercom
 * reference), identity, and data keys Intercom reserves or fills itself.
 */
const NOT_ATTRIBUTES = new Set([
  "app_id",
  "api_base",
  "region",
  "custom_launcher_selector",
  "alignment",
  "vertical_padding",
  "horizontal_padding",
  "z_index",
  "hide_default_launcher",
  "hide_notifications",
  "theme_mode",
  "session_duration",
  "action_color",
  "background_color",
  "link_color",
  "messenger_style_id",
  "widget",
  "installation_type",
  "language_override",
  "page_title",
  "last_request_at",
  "auth_tokens",
  "avatar",
  "company",
  "companies",
  "created_at",
  ...USER_KEYS,
]);

export interface PageInfo {
  url: string;
  title: string;
}

export interface BuiltPingRequest {
  request: PingRequest;
  /** Settings we could not send, each with the reason. */
  problems: string[];
}

function isPrimitive(value: unknown): value is string | number | boolean | null {
  return (
    value === null ||
    typeof value === "string" ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value))
  );
}

function createdAtOf(value: unknown, problems: string[]): number | undefined {
  const seconds = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) {
    problems.push("created_at must be a Unix timestamp in seconds");
    return undefined;
  }
  if (seconds > 1e11) problems.push("created_at looks like milliseconds; Intercom expects seconds");
  return Math.floor(seconds);
}

/**
 * The ping for the current settings: identity keys into `user`, every other primitive key
 * into `attributes`, each checked with the protocol's rules. A bad value is left out (and
 * reported) rather than failing the whole ping.
 */
export function buildPingRequest(
  settings: IntercomSettings,
  visitorId: string,
  page: PageInfo,
): BuiltPingRequest {
  const problems: string[] = [];
  const user: PingUser = {};

  for (const key of USER_KEYS) {
    const value = settings[key];
    if (value === undefined || value === null) continue;
    const parsed = PingUser.shape[key].safeParse(value);
    if (parsed.success && parsed.data !== undefined) {
      // Each key's schema gives that key's type.
      (user as Record<string, unknown>)[key] = parsed.data;
    } else {
      problems.push(`${key} is not valid and was not sent`);
    }
  }
  if (settings["created_at"] !== undefined && settings["created_at"] !== null) {
    const createdAt = createdAtOf(settings["created_at"], problems);
    if (createdAt !== undefined) user.created_at = createdAt;
  }

  const attributes: Attributes = {};
  let count = 0;
  for (const [key, value] of Object.entries(settings)) {
    if (NOT_ATTRIBUTES.has(key) || key.startsWith("utm_") || value === undefined) continue;
    if (!isPrimitive(value)) {
      if (typeof value !== "function") {
        problems.push(`custom attribute "${key}" must be a string, number or boolean`);
      }
      continue;
    }
    if (count >= LIMITS.attributeCount) {
      problems.push(`more than ${LIMITS.attributeCount} custom attributes; "${key}" was not sent`);
      continue;
    }
    if (!Attributes.safeParse({ [key]: value }).success) {
      problems.push(
        `custom attribute "${key}" was not sent (names cannot contain "." or "$"; text is at most ${LIMITS.attributeValueLength} characters)`,
      );
      continue;
    }
    attributes[key] = value;
    count++;
  }
  if (count > 0) user.attributes = attributes;

  // A literal integer of milliseconds only: Intercom mis-reads strings such as "5*60000".
  const sessionDuration = settings["session_duration"];
  let session_duration: number | undefined;
  if (sessionDuration !== undefined && sessionDuration !== null) {
    if (typeof sessionDuration === "number" && Number.isInteger(sessionDuration) && sessionDuration > 0) {
      session_duration = sessionDuration;
    } else {
      problems.push("session_duration must be a whole number of milliseconds; it was not sent");
    }
  }

  const title = typeof settings["page_title"] === "string" ? settings["page_title"] : page.title;
  return {
    request: {
      visitor_id: visitorId,
      user,
      ...(session_duration !== undefined && { session_duration }),
      page: { url: page.url.slice(0, 2048), title: title.slice(0, 512) },
    },
    problems,
  };
}
