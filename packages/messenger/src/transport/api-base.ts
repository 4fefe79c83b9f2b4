/** Where the Messenger talks to: the server's own address unless the page names another (never Intercom's). */

function isIntercomHost(hostname: string): boolean {
  return ["intercom.io", "intercom-messenger.com"].some(
    (domain) => hostname === domain || hostname.endsWith(`.${domain}`),
  );
}

/**
 * Where the Messenger talks to: `api_base` from the settings unless it points at Intercom
 * (pages still carrying Intercom's regional host keep working), else the address the server
 * baked into the loader.
 */
export function resolveApiBase(apiBaseSetting: unknown, bakedApiBase: string): string {
  if (typeof apiBaseSetting !== "string" || apiBaseSetting.trim() === "") {
    return trimSlash(bakedApiBase);
  }
  let url: URL;
  try {
    url = new URL(apiBaseSetting.trim());
  } catch {
    return trimSlash(bakedApiBase);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return trimSlash(bakedApiBase);
  if (isIntercomHost(url.hostname)) return trimSlash(bakedApiBase);
  return trimSlash(url.origin + url.pathname);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
