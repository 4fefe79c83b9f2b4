/**
 * `npm start`: the server, its embedded database, the demo page and — when no Zendesk account is
 * configured — the bundled Zendesk simulator, which the server then talks to over HTTP like any Zendesk.
 */
import { join, resolve } from "node:path";
import { startSimulator } from "@parley/zendesk-sim";
import { clockStartingAt, keptAdminToken, main } from "@parley/server";

const env = process.env;
const zendeskConfigured = Boolean(env.ZENDESK_SUBDOMAIN || env.ZENDESK_BASE_URL || env.ZENDESK_API_TOKEN || env.ZENDESK_OAUTH_TOKEN);

if (!zendeskConfigured) {
  const port = Number(env.ZENDESK_SIM_PORT || 8788);
  const dataFile = join(resolve(env.DATA_DIR || "./data"), "zendesk-sim.json");
  // A fake clock (tests of office hours) is the simulator's too, or its webhook timestamps would look stale to Parley.
  const fakeStart = env.PARLEY_FAKE_CLOCK_START ? new Date(env.PARLEY_FAKE_CLOCK_START) : null;
  const now = fakeStart && !Number.isNaN(fakeStart.getTime()) ? clockStartingAt(fakeStart) : undefined;
  const simulator = await startSimulator({ port, dataFile, ...(now && { now }) });
  Object.assign(env, {
    ZENDESK_BASE_URL: simulator.url,
    ZENDESK_EMAIL: "agent@sim.zendesk.test",
    ZENDESK_API_TOKEN: "sim-token",
  });
  // The simulator's Conversations API too (live hand-off), unless another one is configured.
  if (!env.ZENDESK_CONVERSATIONS_APP_ID) {
    const { appId, keyId, secret } = simulator.simulator.conversationsCredentials;
    Object.assign(env, {
      ZENDESK_CONVERSATIONS_BASE_URL: simulator.url,
      ZENDESK_CONVERSATIONS_APP_ID: appId,
      ZENDESK_CONVERSATIONS_KEY_ID: keyId,
      ZENDESK_CONVERSATIONS_SECRET: secret,
    });
  }
  console.log(`Zendesk simulator at ${simulator.url} (agent page: ${simulator.url}/agent, live chats: ${simulator.url}/agent/conversations)`);
}

// The admin console needs a token: without PARLEY_ADMIN_TOKEN (or its hash), one is made on the
// first run and printed once; only its hash is kept in DATA_DIR.
let adminTokenNote: string | null = null;
if (!env.PARLEY_ADMIN_TOKEN && !env.PARLEY_ADMIN_TOKEN_HASH) {
  const kept = keptAdminToken(resolve(env.DATA_DIR || "./data"));
  env.PARLEY_ADMIN_TOKEN_HASH = kept.hash;
  adminTokenNote = kept.token
    ? `  admin token: ${kept.token} (made for this install and shown only now: keep it somewhere safe; ${kept.file} keeps only its hash)`
    : `  admin token: the one printed on the first run (${kept.file} keeps only its hash; delete that file and restart for a new token)`;
}

await main();
if (adminTokenNote) console.log(adminTokenNote);
