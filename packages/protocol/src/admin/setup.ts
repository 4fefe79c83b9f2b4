import * as z from "zod/mini";
import { ZendeskReadiness } from "./zendesk";

/** One of the console's five setup steps ("Connect Zendesk" … "Go live"), done or not from what the server knows. */
export const SetupStep = z.object({ id: z.enum(["zendesk", "workflow", "install", "test", "live"]), title: z.string(), done: z.boolean(), detail: z.string() });
export type SetupStep = z.infer<typeof SetupStep>;

/** The link that shows the Messenger on a page while the app is in test mode: `?{parameter}={token}`. */
export const TestLink = z.object({ parameter: z.string(), token: z.string() });
export type TestLink = z.infer<typeof TestLink>;

/** GET /admin/api/setup: the setup home. */
export const SetupState = z.object({
  app_id: z.string(),
  /** Live: the Messenger shows to every visitor; else only on pages opened with the test link. */
  live: z.boolean(),
  /** `demo_url`: this server's demo page opened with the test link. */
  test_link: z.extend(TestLink, { demo_url: z.string() }),
  /** The sites the Messenger was seen on (this server's own demo page left out). */
  sites: z.array(z.string()),
  steps: z.array(SetupStep),
  ready: z.object({ articles: z.number(), workflow: z.object({ live_version: z.number(), draft_differs: z.boolean() }), zendesk: z.boolean() }),
  zendesk: ZendeskReadiness,
});
export type SetupState = z.infer<typeof SetupState>;

/** PUT /admin/api/setup/live: "Go live" or "Back to test mode". */
export const LiveSwitchResponse = z.object({ live: z.boolean() });
export type LiveSwitchResponse = z.infer<typeof LiveSwitchResponse>;

/** POST /admin/api/setup/test-link: a new test link; the old one stops showing the Messenger. */
export const TestLinkResponse = z.object({ test_link: TestLink });
export type TestLinkResponse = z.infer<typeof TestLinkResponse>;

/** The requester Zendesk should have: external_id ← user_id (lower-cased, as Parley sends it), else found by email. */
export const ExpectedRequester = z.object({ external_id: z.nullable(z.string()), email: z.nullable(z.string()) });
export type ExpectedRequester = z.infer<typeof ExpectedRequester>;

/** POST /admin/api/setup/validation: the setup check's conversation, started as the given user. */
export const ValidationStarted = z.object({ conversation_id: z.string(), expected: ExpectedRequester });
export type ValidationStarted = z.infer<typeof ValidationStarted>;

/** GET /admin/api/setup/validation/{conversation_id}: waiting for the ticket, then the requester Zendesk made next to what was expected. */
export const ValidationResult = z.union([
  z.object({ status: z.literal("waiting"), expected: ExpectedRequester }),
  z.object({
    status: z.literal("done"),
    expected: ExpectedRequester,
    requester: z.object({ id: z.number(), name: z.string(), email: z.nullable(z.string()), external_id: z.nullable(z.string()) }),
    ticket: z.object({ id: z.number(), url: z.nullable(z.string()) }),
    matches: z.boolean(),
    /** The fields that differ: `external_id`, `email`. */
    mismatches: z.array(z.string()),
    /**
     * The requester Parley sends, in Zendesk's own user format (so a mismatch can be told from a
     * Zendesk user that already existed): loose, as Zendesk's format is Zendesk's to extend.
     */
    sent: z.looseObject({ name: z.string(), email: z.optional(z.string()), external_id: z.optional(z.string()) }),
  }),
]);
export type ValidationResult = z.infer<typeof ValidationResult>;
