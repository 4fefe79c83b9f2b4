import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

/**
 * The built admin console (packages/admin/dist): its page and its hashed assets, read once and
 * kept. The server serves the build, never the source.
 */
export class ConsoleAssets {
  readonly #cache = new Map<string, Buffer>();

  constructor(readonly dir: string) {}

  /** The console's page, or null when the console is not built. */
  page(): Promise<Buffer | null> {
    return this.#read("index.html");
  }

  /** A built asset by its file name (`assets/<name>`), with its content type; null when there is none. */
  async asset(name: string): Promise<{ body: Buffer; type: string } | null> {
    const type = TYPES[extname(name)];
    if (!/^[\w.-]+$/.test(name) || type === undefined) return null;
    const body = await this.#read(join("assets", name));
    return body && { body, type };
  }

  async #read(path: string): Promise<Buffer | null> {
    const cached = this.#cache.get(path);
    if (cached) return cached;
    try {
      const content = await readFile(join(this.dir, path));
      this.#cache.set(path, content);
      return content;
    } catch {
      return null;
    }
  }
}
