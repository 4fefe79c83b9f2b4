import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { Liquid } from "liquidjs";

/** The app embed block as Shopify stores it: Liquid, then its `{% schema %}` (which is not rendered). */
export const BLOCK_FILE = new URL("../extensions/parley-messenger/blocks/messenger.liquid", import.meta.url);

const SCHEMA = /{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/;

export interface BlockSource {
  liquid: string;
  schema: unknown;
}

export function readBlock(): BlockSource {
  const source = readFileSync(BLOCK_FILE, "utf8");
  const schema = SCHEMA.exec(source)?.[1];
  if (schema === undefined) throw new Error(`${BLOCK_FILE.pathname}: no {% schema %}`);
  return { liquid: source.replace(SCHEMA, ""), schema: JSON.parse(schema) };
}

/** What Shopify gives the block when it renders a storefront page (only what the block reads). */
export interface StorefrontContext {
  block: { settings: { server_url?: string; app_id?: string; identify_customers?: boolean; identity_secret?: string } };
  customer?: { id: number; email: string; name: string } | null;
  request?: { locale: { iso_code: string } };
  app?: { metafields: { parley?: { identity_secret?: { value: string } } } };
}

/**
 * Renders the block with liquidjs plus the Shopify filters it uses, as Shopify does: `hmac_sha256`
 * is the hex HMAC-SHA256 of the input keyed with the parameter.
 */
export async function renderBlock(context: StorefrontContext): Promise<string> {
  const engine = new Liquid({ strictFilters: true });
  engine.registerFilter("hmac_sha256", (input: unknown, secret: unknown) =>
    createHmac("sha256", String(secret)).update(String(input)).digest("hex"),
  );
  return engine.parseAndRender(readBlock().liquid, { request: { locale: { iso_code: "en" } }, ...context });
}
