import { readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * The files of a build folder (the Messenger's, the admin console's), read once and kept: a build
 * does not change under a running server. A missing file is null, and is looked for again next time.
 */
export class BuildFiles {
  readonly #cache = new Map<string, Buffer>();

  constructor(readonly dir: string) {}

  async read(path: string): Promise<Buffer | null> {
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
