import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { type AdminApi, type InstallInfo, messageOf } from "../api";
import { CodeBlock } from "./code-block";
import { IdentityVerification } from "./identity";
import { type Identifier, identifiedSettings } from "./identity-code";

type Method = "snippet" | "react" | "angular" | "vue" | "ember" | "shopify" | "javascript" | "spa";
type Framework = "react" | "angular" | "vue" | "ember";
type Audience = "users" | "visitors";

const METHODS: { method: Method; label: string }[] = [
  { method: "snippet", label: "Code snippet" },
  { method: "react", label: "React" },
  { method: "angular", label: "Angular" },
  { method: "vue", label: "Vue" },
  { method: "ember", label: "Ember" },
  { method: "shopify", label: "Shopify" },
  { method: "javascript", label: "Basic JavaScript" },
  { method: "spa", label: "Single-page app" },
];

/** How to put the Messenger on the owner's site, with this server's address and app id filled in. */
export function Install({ api }: { api: AdminApi }) {
  const info = useSignal<InstallInfo | null>(null);
  const problem = useSignal<string | null>(null);
  const method = useSignal<Method>("snippet");
  const audience = useSignal<Audience>("users");
  // Chosen under identity verification; the installation code above follows it.
  const identifier = useSignal<Identifier>("user_id");

  useEffect(() => {
    api.install().then(
      (loaded) => (info.value = loaded),
      (error: unknown) => (problem.value = messageOf(error)),
    );
  }, [api]);

  return (
    <section aria-labelledby="install-title">
      <h1 id="install-title">Install the Messenger</h1>
      {problem.value && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
      {info.value && (
        <>
          <p class="muted">
            App <strong>{info.value.app_name}</strong> (app id <code>{info.value.app_id}</code>), served from <code>{info.value.server_url}</code>.
          </p>
          <fieldset class="choice">
            <legend>Installation method</legend>
            {METHODS.map((item) => (
              <label key={item.method} class="choice__option">
                <input type="radio" name="method" checked={method.value === item.method} onChange={() => (method.value = item.method)} />
                {item.label}
              </label>
            ))}
          </fieldset>
          {method.value !== "shopify" && (
            <fieldset class="choice">
              <legend>Who uses your site</legend>
              <label class="choice__option">
                <input type="radio" name="audience" checked={audience.value === "users"} onChange={() => (audience.value = "users")} />
                Users with logins
              </label>
              <label class="choice__option">
                <input type="radio" name="audience" checked={audience.value === "visitors"} onChange={() => (audience.value = "visitors")} />
                Visitors without logins
              </label>
            </fieldset>
          )}
          <Instructions info={info.value} method={method.value} audience={audience.value} identifier={identifier.value} />
          <IdentityVerification
            api={api}
            appId={info.value.app_id}
            snippets={info.value.identity_snippets}
            identifier={identifier.value}
            onIdentifier={(chosen) => (identifier.value = chosen)}
          />
        </>
      )}
    </section>
  );
}

/**
 * The Shopify theme app embed (packages/shopify): deployed once with the Shopify CLI, switched on
 * in the theme editor, filled in with this server and app id. Logged-in customers are identified
 * and their user_hash computed by Shopify, so there is no code to write.
 */
function ShopifyInstructions({ info }: { info: InstallInfo }) {
  const deploy = [
    "# 1. In your Shopify app's folder (made once with: shopify app init)",
    "cp -r /path/to/parley/packages/shopify/extensions/parley-messenger extensions/",
    "# 2. Upload the extension as a new version of your app",
    "shopify app deploy",
  ].join("\n");
  return (
    <div class="card" aria-labelledby="shopify-title" role="region">
      <h2 id="shopify-title">Shopify: the Parley Messenger app embed</h2>
      <ol class="install-steps">
        <li>
          <strong>Deploy the app embed.</strong> Parley's theme app extension is in your Parley checkout under <code>packages/shopify/extensions/parley-messenger</code>.
          Put it in your Shopify app and deploy it with the Shopify CLI:
          <CodeBlock code={deploy} label="Shopify CLI commands" />
        </li>
        <li>
          <strong>Install the app on your store</strong> (from your Shopify Partners dashboard), then in your Shopify admin open Online Store → Themes → Customize →
          App embeds and switch on <strong>Parley Messenger</strong>.
        </li>
        <li>
          <strong>Fill in the embed's settings</strong> and save the theme:
          <dl class="settings">
            <dt>Parley server address</dt>
            <dd>
              <code>{info.server_url}</code>
            </dd>
            <dt>App ID</dt>
            <dd>
              <code>{info.app_id}</code>
            </dd>
            <dt>Identify logged-in customers</dt>
            <dd>On (the default): a logged-in customer is the user with their Shopify customer id, email and name; guests are visitors.</dd>
          </dl>
          <CodeBlock code={`Parley server address: ${info.server_url}\nApp ID: ${info.app_id}`} label="Settings to paste" />
        </li>
        <li>
          <strong>Identity verification.</strong> The embed computes <code>user_hash</code> on Shopify's servers with Liquid's <code>hmac_sha256</code>, so
          enforcing identity verification needs no code and the secret never reaches a page. Keep your identity secret in your Shopify app's metafield, where
          the embed reads it and theme staff cannot, from where this server runs (an Admin API access token of your app in the environment; more in{" "}
          <code>packages/shopify/README.md</code>):
          <CodeBlock code={`SHOPIFY_ADMIN_ACCESS_TOKEN=… npx parley shopify-secret --shop <your-shop>.myshopify.com`} label="Store the identity secret in Shopify" />
        </li>
        <li>
          <strong>Check it:</strong> open your store as a logged-in customer, then press Refresh under "Check installation" below: your store's domain shows as
          verified.
        </li>
      </ol>
    </div>
  );
}

function Instructions({ info, method, audience, identifier }: { info: InstallInfo; method: Method; audience: Audience; identifier: Identifier }) {
  if (method === "shopify") return <ShopifyInstructions info={info} />;
  if (method === "react" || method === "angular" || method === "vue" || method === "ember") {
    return <FrameworkInstructions info={info} framework={method} audience={audience} identifier={identifier} />;
  }
  const settings = audience === "users" ? identifiedSettings(info.app_id, identifier) : `{\n    app_id: ${JSON.stringify(info.app_id)},\n  }`;
  const code = {
    snippet: `<script>\n  window.intercomSettings = ${settings};\n</script>\n<script>${info.snippet}</script>`,
    javascript: `<script>${info.snippet}</script>\n<script>\n  window.Intercom("boot", ${settings});\n</script>`,
    spa: `<script>${info.snippet}</script>\n<script>\n  // When the user signs in (or the page first loads):\n  window.Intercom("boot", ${settings});\n  // After every change of route, so the Messenger sees the new page:\n  window.Intercom("update");\n  // When the user signs out, so the next person on this browser never sees their conversations:\n  window.Intercom("shutdown");\n</script>`,
  }[method];
  const where = {
    snippet: "Paste this before </body> on every page where the Messenger should appear.",
    javascript: "Load the snippet once, then boot the Messenger when your page is ready.",
    spa: "Load the snippet once; boot, update and shut down the Messenger as your app's state changes.",
  }[method];
  return (
    <div class="card">
      <p>{where}</p>
      <CodeBlock code={code} label="Installation code" />
      {audience === "users" && (
        <p class="muted">
          Fill in the signed-in user's details from your server. <code>user_hash</code> is HMAC-SHA256 of the {identifier === "user_id" ? "user id" : "email"} with
          your identity secret, computed on your server (below): never put the secret in a page.
        </p>
      )}
    </div>
  );
}

/** The npm SDK's instructions for an app framework, from examples/{react,angular,vue,ember}, with this app filled in. */
function FrameworkInstructions({ info, framework, audience, identifier }: { info: InstallInfo; framework: Framework; audience: Audience; identifier: Identifier }) {
  const parley = `const PARLEY = { app_id: ${JSON.stringify(info.app_id)}, api_base: ${JSON.stringify(info.server_url)} } as const;`;
  const user = audience === "users";
  // By email, user_id stays out: it would win over the email the hash signs.
  const identity =
    identifier === "user_id"
      ? "{ ...PARLEY, user_id: user.id, name: user.name, email: user.email, user_hash: user.userHash }"
      : "{ ...PARLEY, name: user.name, email: user.email, user_hash: user.userHash }";
  const code: Record<Framework, { file: string; code: string }> = {
    react: {
      file: "Messenger.tsx (render <Messenger /> once, inside your router)",
      code: `import Intercom, { shutdown, update } from "@parley/messenger/sdk";
import { useEffect } from "react";
import { useLocation } from "react-router-dom";

${parley}

export function Messenger(${user ? "{ user }: { user: { id: string; name: string; email: string; userHash: string } | null }" : ""}) {
  useEffect(() => {
    Intercom(${user ? `user ? ${identity} : PARLEY` : "PARLEY"});
    return () => shutdown();
  }, [${user ? "user?.id" : ""}]);

  const { pathname } = useLocation();
  useEffect(() => update({ last_request_at: Math.floor(Date.now() / 1000) }), [pathname]);
  return null;
}`,
    },
    angular: {
      file: "messenger.service.ts (inject it in your root component)",
      code: `import { Injectable, inject } from "@angular/core";
import { NavigationEnd, Router } from "@angular/router";
import Intercom, { shutdown, update } from "@parley/messenger/sdk";
import { filter } from "rxjs";

${parley}

@Injectable({ providedIn: "root" })
export class MessengerService {
  private readonly router = inject(Router);

  constructor() {
    Intercom(PARLEY);
    this.router.events
      .pipe(filter((event) => event instanceof NavigationEnd))
      .subscribe(() => update({ last_request_at: Math.floor(Date.now() / 1000) }));
  }
${
  user
    ? `
  signedIn(user: { id: string; name: string; email: string; userHash: string }): void {
    shutdown();
    Intercom(${identity});
  }

  signedOut(): void {
    shutdown();
    Intercom(PARLEY);
  }
`
    : ""
}}`,
    },
    vue: {
      file: "messenger.ts (app.use(messenger, { router }))",
      code: `import Intercom, { shutdown, update } from "@parley/messenger/sdk";
import type { App } from "vue";
import type { Router } from "vue-router";

${parley}

export const messenger = {
  install(_app: App, { router }: { router: Router }) {
    Intercom(PARLEY);
    router.afterEach(() => update({ last_request_at: Math.floor(Date.now() / 1000) }));
  },
};
${
  user
    ? `
export function signedIn(user: { id: string; name: string; email: string; userHash: string }): void {
  shutdown();
  Intercom(${identity});
}

export function signedOut(): void {
  shutdown();
  Intercom(PARLEY);
}
`
    : ""
}`,
    },
    ember: {
      file: "app/services/messenger.ts (this.messenger.start() in your application route's beforeModel)",
      code: `import Service, { service } from "@ember/service";
import type RouterService from "@ember/routing/router-service";
import Intercom, { shutdown, update } from "@parley/messenger/sdk";

${parley}

export default class MessengerService extends Service {
  @service declare router: RouterService;

  start(): void {
    Intercom(PARLEY);
    this.router.on("routeDidChange", () => update({ last_request_at: Math.floor(Date.now() / 1000) }));
  }
${
  user
    ? `
  signedIn(user: { id: string; name: string; email: string; userHash: string }): void {
    shutdown();
    Intercom(${identity});
  }

  signedOut(): void {
    shutdown();
    Intercom(PARLEY);
  }
`
    : ""
}}`,
    },
  };
  const chosen = code[framework];
  return (
    <div class="card">
      <p>
        1. Add the SDK to your app: <code>npm install @parley/messenger</code>. It is not on the npm registry yet: until it is, install it from your Parley
        checkout (<code>npm install /path/to/parley/packages/messenger</code>); your bundler compiles it.
      </p>
      <p>
        2. Add <code>{chosen.file}</code>:
      </p>
      <CodeBlock code={chosen.code} label="Installation code" />
      {user && (
        <p class="muted">
          <code>userHash</code> is HMAC-SHA256 of the {identifier === "user_id" ? "user id" : "email"} with your identity secret, computed by your server (code
          below): never ship the secret to the browser.
        </p>
      )}
      <p class="muted small">The same component is in the Parley repository under examples/{framework}.</p>
    </div>
  );
}
