import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { bundleApp, serveBundledApps } from "./framework-apps";

const here = dirname(fileURLToPath(import.meta.url));

/** The third-party Intercom libraries from npm, each used by a small shop in e2e/intercom-library-apps. */
export const LIBRARY_APPS = ["messenger-js-sdk", "react-use-intercom", "vue-intercom", "react-intercom", "vue2-intercom", "ngx-intercom", "intercom-next"] as const;
export type LibraryApp = (typeof LIBRARY_APPS)[number];

const ENTRIES: Record<LibraryApp, string> = {
  "messenger-js-sdk": "messenger-js-sdk.ts",
  "react-use-intercom": "react-use-intercom.tsx",
  "vue-intercom": "vue-intercom.ts",
  "react-intercom": "react-intercom.tsx",
  // The npm package `vue-intercom` (Vue 2); "vue-intercom" above is @mathieustan/vue-intercom (Vue 3).
  "vue2-intercom": "vue2-intercom.ts",
  "ngx-intercom": "ngx-intercom.ts",
  "intercom-next": "intercom-next.ts",
};

/** Serves each library's shop at /{app}/, bundled by esbuild with the library's published package. */
export function serveLibraryApps() {
  return serveBundledApps(LIBRARY_APPS, (app) => bundleApp(join(here, "..", "intercom-library-apps", ENTRIES[app])));
}

/** The address these libraries hard-code for the Messenger's script. */
export const INTERCOM_WIDGET = "https://widget.intercom.io/widget/";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1"]);

/**
 * Routes Intercom's script address to the Parley at `serverUrl`, as a site's DNS or proxy override
 * of widget.intercom.io would, and refuses every other address off this machine (the test never
 * depends on the internet, and proves the Messenger talks only to Parley). Returns the addresses
 * refused and the Intercom script addresses served by Parley, as the page asked for them.
 */
export async function routeIntercomToParley(page: Page, serverUrl: string): Promise<{ refused: string[]; served: string[] }> {
  const refused: string[] = [];
  const served: string[] = [];
  await page.route(
    (url) => !LOCAL_HOSTS.has(url.hostname),
    (route) => {
      refused.push(route.request().url());
      return route.abort("addressunreachable");
    },
  );
  // Registered last, so asked first.
  await page.route(`${INTERCOM_WIDGET}*`, async (route) => {
    const url = route.request().url();
    served.push(url);
    const response = await route.fetch({ url: `${serverUrl}/widget/${url.slice(INTERCOM_WIDGET.length)}` });
    await route.fulfill({ response });
  });
  return { refused, served };
}
