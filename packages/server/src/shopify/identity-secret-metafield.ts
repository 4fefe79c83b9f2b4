import * as z from "zod";

/**
 * Where the Shopify app embed block (packages/shopify, `blocks/messenger.liquid`) reads the identity
 * secret: an app-data metafield, i.e. one owned by the app's installation on the shop
 * (`AppInstallation`). Only that app reads or writes it, through the Admin API or as
 * `app.metafields.parley.identity_secret` in its own theme app extension; merchants, staff with
 * theme access and other apps never see it. The namespace is Parley's own: app-data metafields are
 * private to the app whatever their namespace, and a namespace may not contain `--` (Shopify keeps
 * that shape for reserved prefixes such as `app--{id}`).
 */
export const IDENTITY_SECRET_METAFIELD = { namespace: "parley", key: "identity_secret", type: "single_line_text_field" } as const;

/** A stable Admin API version (Shopify supports each for a year); `--api-version` picks another. */
export const SHOPIFY_ADMIN_API_VERSION = "2026-10";

/** `acme.myshopify.com`: the shop's permanent domain, not a custom domain. */
export const ShopDomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "use the shop's myshopify.com domain, e.g. acme.myshopify.com");

export class ShopifyAdminError extends Error {}

export interface StoreSecretOptions {
  shop: string;
  /** An Admin API access token of the app whose theme app extension holds the Parley block. */
  accessToken: string;
  secret: string;
  apiVersion?: string;
  fetch?: typeof fetch;
}

const GraphqlAnswer = z.object({
  data: z.unknown().optional(),
  errors: z.array(z.object({ message: z.string() })).optional(),
});

const CurrentInstallation = z.object({ currentAppInstallation: z.object({ id: z.string().min(1) }) });

const MetafieldsSetAnswer = z.object({
  metafieldsSet: z.object({
    metafields: z.array(z.object({ id: z.string(), namespace: z.string(), key: z.string() })).nullable(),
    userErrors: z.array(z.object({ field: z.array(z.string()).nullable().optional(), message: z.string(), code: z.string().nullable().optional() })),
  }),
});

const METAFIELDS_SET = `mutation StoreParleyIdentitySecret($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) {
    metafields { id namespace key }
    userErrors { field message code }
  }
}`;

/**
 * Writes the identity secret to the app-data metafield with the Admin GraphQL API: finds the app's
 * installation (`currentAppInstallation`), then sets the metafield on it (`metafieldsSet`, which
 * creates or replaces it). Returns the installation and metafield ids.
 */
export async function storeIdentitySecret(options: StoreSecretOptions): Promise<{ appInstallationId: string; metafieldId: string }> {
  const shop = ShopDomain.parse(options.shop);
  if (options.secret.length === 0) throw new ShopifyAdminError("The identity secret is empty.");
  const ask = graphql(shop, options);
  const { currentAppInstallation } = expect(CurrentInstallation, await ask("query ParleyInstallation { currentAppInstallation { id } }", {}), "the app's installation");
  const answer = expect(
    MetafieldsSetAnswer,
    await ask(METAFIELDS_SET, { metafields: [{ ownerId: currentAppInstallation.id, ...IDENTITY_SECRET_METAFIELD, value: options.secret }] }),
    "metafieldsSet",
  );
  const [problem] = answer.metafieldsSet.userErrors;
  if (problem) throw new ShopifyAdminError(`Shopify refused the metafield${problem.field ? ` (${problem.field.join(".")})` : ""}: ${problem.message}`);
  const stored = answer.metafieldsSet.metafields?.[0];
  if (!stored) throw new ShopifyAdminError("Shopify answered without the metafield it set.");
  return { appInstallationId: currentAppInstallation.id, metafieldId: stored.id };
}

function expect<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ShopifyAdminError(`Shopify's answer about ${what} is not what the Admin API documents.`);
  return parsed.data;
}

/** One Admin GraphQL call; HTTP and GraphQL errors become a ShopifyAdminError that says what to fix. */
function graphql(shop: string, options: StoreSecretOptions) {
  const doFetch = options.fetch ?? fetch;
  const url = `https://${shop}/admin/api/${options.apiVersion ?? SHOPIFY_ADMIN_API_VERSION}/graphql.json`;
  return async (query: string, variables: Record<string, unknown>): Promise<unknown> => {
    let response: Response;
    try {
      response = await doFetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-Shopify-Access-Token": options.accessToken },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      throw new ShopifyAdminError(`Could not reach ${shop}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (response.status === 401 || response.status === 403) {
      throw new ShopifyAdminError(`${shop} did not accept the access token (HTTP ${response.status}): use an Admin API access token of the app that holds the Parley block.`);
    }
    if (response.status === 404) throw new ShopifyAdminError(`No shop answers at ${shop} (or API version ${options.apiVersion ?? SHOPIFY_ADMIN_API_VERSION} is unknown).`);
    if (!response.ok) throw new ShopifyAdminError(`${shop} answered HTTP ${response.status}; try again shortly.`);
    const answer = GraphqlAnswer.safeParse(await response.json().catch(() => null));
    if (!answer.success) throw new ShopifyAdminError(`${shop} answered something that is not a GraphQL answer.`);
    if (answer.data.errors?.length) throw new ShopifyAdminError(`Shopify: ${answer.data.errors.map((error) => error.message).join("; ")}`);
    return answer.data.data;
  };
}
