import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { expect, test } from "vitest";
import { isFresh, pickEncoding, prepareBody, scriptResponse } from "./prepared";

const script = "console.log('hello');\n".repeat(50);

test("a prepared script is served compressed as the browser accepts, each encoding the same script", async () => {
  const body = prepareBody(script);
  const request = (acceptEncoding: string | undefined) => scriptResponse(body, { acceptEncoding, ifNoneMatch: undefined }, "public, max-age=300");

  const br = request("gzip, deflate, br, zstd");
  expect(br.headers.get("content-encoding")).toBe("br");
  expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(script);
  const gzip = request("gzip");
  expect(gzip.headers.get("content-encoding")).toBe("gzip");
  expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(script);
  const plain = request(undefined);
  expect(plain.headers.get("content-encoding")).toBeNull();
  expect(await plain.text()).toBe(script);

  expect(br.headers.get("vary")).toBe("Accept-Encoding");
  expect(br.headers.get("timing-allow-origin")).toBe("*");
  expect(body.br.length).toBeLessThan(body.identity.length / 5);
});

test("a browser holding the current copy gets a 304 with no body; another ETag gets the script", async () => {
  const body = prepareBody(script);
  const fresh = scriptResponse(body, { acceptEncoding: "br", ifNoneMatch: body.etag }, "public, max-age=300");
  expect(fresh.status).toBe(304);
  expect(await fresh.text()).toBe("");
  expect(fresh.headers.get("etag")).toBe(body.etag);
  const stale = scriptResponse(body, { acceptEncoding: "br", ifNoneMatch: '"something-else"' }, "public, max-age=300");
  expect(stale.status).toBe(200);
  expect(prepareBody(`${script}// changed`).etag).not.toBe(body.etag);
});

test("Accept-Encoding q-values and If-None-Match lists are read as HTTP says", () => {
  expect(pickEncoding("br;q=0, gzip")).toBe("gzip");
  expect(pickEncoding("*")).toBe("br");
  expect(pickEncoding("identity")).toBe("identity");
  expect(pickEncoding("gzip;q=0")).toBe("identity");
  expect(isFresh('"a", "b"', '"b"')).toBe(true);
  expect(isFresh('W/"b"', '"b"')).toBe(true);
  expect(isFresh("*", '"b"')).toBe(true);
  expect(isFresh(undefined, '"b"')).toBe(false);
});
