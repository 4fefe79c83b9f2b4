/**
 * What every framework app here shares: the signed-in user the spec hands the page (its
 * user_hash is computed by the spec, as a site's backend would), and a place to mount.
 */
export interface TestUser {
  user_id: string;
  name: string;
  email: string;
  user_hash: string;
}

export function testUser(): TestUser {
  const user = (window as Window & { parleyTestUser?: TestUser }).parleyTestUser;
  if (!user) throw new Error("The spec sets window.parleyTestUser before the app starts.");
  return user;
}

/** Where each app draws: a nav with Home / Orders and the sign-in button, then the page. */
export function appRoot(): HTMLElement {
  const root = document.getElementById("app");
  if (!root) throw new Error("The page has no #app.");
  return root;
}
