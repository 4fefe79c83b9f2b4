import { DEFAULT_TAGS } from "@parley/protocol";
import { expect, test } from "vitest";
import { TagNamesSetting } from "./tag-names";

test("named tags are renamed (lower-cased, as Zendesk keeps them); the others keep Fin's names", () => {
  expect(TagNamesSetting.parse("routed_to_team=Escalated, messenger = web-chat")).toEqual({
    ...DEFAULT_TAGS,
    routedToTeam: "escalated",
    messenger: "web-chat",
  });
});

test.each([
  ["team=escalated", /"team" is not a tag Parley sets/],
  ["routed_to_team=needs a human", /routed_to_team: a Zendesk tag/],
  ["routed_to_team=", /routed_to_team: a Zendesk tag/],
  ["routed_to_team=fin-resolved", /two tags have the same name/],
])("%s is refused, saying why", (setting, why) => {
  const parsed = TagNamesSetting.safeParse(setting);
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues.map((issue) => issue.message).join("\n")).toMatch(why);
});
