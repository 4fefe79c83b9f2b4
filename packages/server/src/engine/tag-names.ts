import { DEFAULT_TAGS, type TagNames } from "@parley/protocol";
import * as z from "zod";

/** The names PARLEY_TAG_NAMES uses for each tag, as an owner writes them. */
const SETTING_KEYS = {
  messenger: "messenger",
  ai_involved: "aiInvolved",
  ai_resolved: "aiResolved",
  soft_resolution: "softResolution",
  hard_resolution: "hardResolution",
  routed_to_team: "routedToTeam",
} as const satisfies Record<string, keyof TagNames>;

/** A Zendesk tag: Zendesk keeps tags lower-case, without spaces. */
const ZendeskTag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_\-:./]{1,80}$/, "a Zendesk tag: letters, digits, '_', '-', ':', '.', '/', no spaces");

/**
 * PARLEY_TAG_NAMES, `routed_to_team=escalated,messenger=web-chat`: the tags Parley sets, renamed
 * for the account's existing triggers and views; tags not named keep Intercom Fin's names.
 */
export const TagNamesSetting = z
  .string()
  .transform((text, context): TagNames => {
    const tags: Record<keyof TagNames, string> = { ...DEFAULT_TAGS };
    for (const pair of text.split(",").map((part) => part.trim()).filter(Boolean)) {
      const [name = "", value = ""] = pair.split("=").map((part) => part.trim());
      const key = SETTING_KEYS[name as keyof typeof SETTING_KEYS];
      if (key === undefined) {
        context.addIssue({ code: "custom", message: `"${name}" is not a tag Parley sets: use ${Object.keys(SETTING_KEYS).join(", ")}` });
        continue;
      }
      const tag = ZendeskTag.safeParse(value);
      if (!tag.success) context.addIssue({ code: "custom", message: `${name}: ${tag.error.issues[0]?.message ?? "not a tag"}` });
      else tags[key] = tag.data;
    }
    const names = Object.values(tags);
    if (new Set(names).size !== names.length) context.addIssue({ code: "custom", message: "two tags have the same name: each must be its own" });
    return tags;
  });
