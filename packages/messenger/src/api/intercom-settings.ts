/**
 * `window.intercomSettings` and the objects given to `boot` / `update`: Intercom's keys
 * (`app_id`, `user_id`, `alignment`, …) plus any custom attributes, all at the top level.
 * Kept as given; the wire request is built from it when pinging.
 */
export type IntercomSettings = Readonly<Record<string, unknown>>;

/** How the launcher and panel sit on the page, from the Messenger keys of the settings. */
export interface Appearance {
  alignment: "left" | "right";
  /** `action_color`: the customer's bubbles, buttons and links. */
  color: string;
  /** `background_color` (else the action colour): the launcher and the Messenger's header. */
  background: string;
  zIndex: number;
  hideLauncher: boolean;
  /** Distance from the bottom and from the side, in px (at least 20). */
  verticalPadding: number;
  horizontalPadding: number;
}

export const DEFAULT_COLOR = "#1f6feb";
/** Intercom's default stacking order (react-use-intercom documents the same number). */
export const DEFAULT_Z_INDEX = 2147483001;
const MIN_PADDING = 20;

/**
 * Copies a settings object, or returns null when `value` is not a plain object (Intercom
 * ignores such arguments; so do we).
 */
export function readSettings(value: unknown): IntercomSettings | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  return { ...(value as Record<string, unknown>) };
}

/** The workspace id in the settings, if any (Intercom allows a number). */
export function appIdOf(settings: IntercomSettings | null | undefined): string | null {
  const appId = settings?.["app_id"];
  if (typeof appId === "number" && Number.isFinite(appId)) return String(appId);
  if (typeof appId === "string" && appId.trim() !== "") return appId.trim();
  return null;
}

function isCssColor(value: unknown): value is string {
  if (typeof value !== "string" || value.length > 64 || /[;{}<>]/.test(value)) return false;
  const css = (globalThis as { CSS?: { supports?: (property: string, value: string) => boolean } })
    .CSS;
  return typeof css?.supports === "function" ? css.supports("color", value) : value.trim() !== "";
}

function integerOf(value: unknown): number | null {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? Math.round(number) : null;
}

/** Layout and colour from the settings, with Intercom's defaults and clamps. */
export function appearanceOf(settings: IntercomSettings): Appearance {
  const action = settings["action_color"];
  const color = isCssColor(action) ? action : DEFAULT_COLOR;
  const backgroundSetting = settings["background_color"];
  const background = isCssColor(backgroundSetting) ? backgroundSetting : color;
  const zIndex = integerOf(settings["z_index"]);
  const padding = (value: unknown) => Math.max(MIN_PADDING, integerOf(value) ?? MIN_PADDING);
  return {
    alignment: settings["alignment"] === "left" ? "left" : "right",
    color,
    background,
    zIndex: zIndex ?? DEFAULT_Z_INDEX,
    hideLauncher: settings["hide_default_launcher"] === true,
    verticalPadding: padding(settings["vertical_padding"]),
    horizontalPadding: padding(settings["horizontal_padding"]),
  };
}
