import * as z from "zod/mini";

/** Whether a verified ping takes over the contacts earlier unverified pings made for that user. */
export const ContactMerging = z.object({
  /** In effect: the setting, or held on by PARLEY_MERGE_UNVERIFIED_CONTACTS. */
  enabled: z.boolean(),
  setting: z.boolean(),
  held_on_by_environment: z.boolean(),
});
export type ContactMerging = z.infer<typeof ContactMerging>;

/** The sites the Messenger may run on; null: any site. */
export const TrustedOrigins = z.object({
  /** In effect: PARLEY_ALLOWED_ORIGINS when set, else the setting. */
  allowed_origins: z.nullable(z.array(z.string())),
  setting: z.nullable(z.array(z.string())),
  held_by_environment: z.boolean(),
});
export type TrustedOrigins = z.infer<typeof TrustedOrigins>;

/** Identity verification as the owner sees it: never its secrets. */
export const IdentityState = z.object({
  /** In effect: the setting, or held on by PARLEY_ENFORCE_IDENTITY. */
  enforced: z.boolean(),
  setting: z.boolean(),
  held_on_by_environment: z.boolean(),
  /** A previous identity secret is still accepted while sites move to the new one. */
  secret_rotation: z.boolean(),
  merge_unverified_contacts: ContactMerging,
  trusted_origins: TrustedOrigins,
});
export type IdentityState = z.infer<typeof IdentityState>;

/** GET /admin/api/identity and PUT /admin/api/identity/enforcement. */
export const IdentityResponse = z.object({ identity: IdentityState });
export type IdentityResponse = z.infer<typeof IdentityResponse>;

/** GET and PUT /admin/api/identity/merging. */
export const ContactMergingResponse = z.object({ merge_unverified_contacts: ContactMerging });
export type ContactMergingResponse = z.infer<typeof ContactMergingResponse>;

/** GET and PUT /admin/api/identity/origins. */
export const TrustedOriginsResponse = z.object({ trusted_origins: TrustedOrigins });
export type TrustedOriginsResponse = z.infer<typeof TrustedOriginsResponse>;

/** POST /admin/api/identity/hash, the hash checker: the user_hash Parley expects, and which of user_id or email it hashed. */
export const ExpectedHashResponse = z.object({ user_hash: z.string(), hashed: z.enum(["user_id", "email"]) });
export type ExpectedHashResponse = z.infer<typeof ExpectedHashResponse>;
