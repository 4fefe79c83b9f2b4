import { extname, join } from "node:path";
import { BuildFiles } from "../build-files";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

/**
 * The built admin console (packages/admin/dist): its page and its hashed assets. The server serves
 * the build, never the source.
 */
export class ConsoleAssets {
  readonly #files: BuildFiles;

  constructor(readonly dir: string) {
    this.#files = new BuildFiles(dir);
  }

  /** The console's page, or null when the console is not built. */
  page(): Promise<Buffer | null> {
    return this.#files.read("index.html");
  }

  /** A built asset by its file name (`assets/<name>`), with its content type; null when there is none. */
  async asset(name: string): Promise<{ body: Buffer; type: string } | null> {
    const type = TYPES[extname(name)];
    if (!/^[\w.-]+$/.test(name) || type === undefined) return null;
    const body = await this.#files.read(join("assets", name));
    return body && { body, type };
  }
}
