import { existsSync, readFileSync, renameSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { AccountData } from "./state";

/**
 * The optional JSON file an account lives in between runs. Saves are debounced and atomic (write
 * a temporary file, then rename), so a crash leaves the old file or the new one, never half of one.
 */
export class DataFile {
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly snapshot: () => AccountData,
    private readonly debounceMs = 50,
    private readonly warn: (message: string) => void = (message) => console.warn(message),
  ) {}

  /**
   * The saved account, or `undefined` when there is none yet. A file that can't be read as an
   * account is moved aside (never overwritten) and the simulator starts empty.
   */
  load(): AccountData | undefined {
    if (!existsSync(this.path)) return undefined;
    const text = readFileSync(this.path, "utf8");
    let problem: string;
    try {
      const parsed = AccountData.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      problem = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
        .join("; ");
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    const aside = `${this.path}.unreadable-${Date.now()}`;
    renameSync(this.path, aside);
    this.warn(
      `zendesk-sim: ${this.path} is not a simulator data file (${problem}); moved it to ${aside} and started empty.`,
    );
    return undefined;
  }

  /** Saves soon; several changes in a row make one write. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, this.debounceMs);
  }

  /** Saves now (if a save is due) and resolves once the file is on disk. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      await this.write();
    }
    await this.saving;
  }

  private write(): Promise<void> {
    const text = `${JSON.stringify(this.snapshot(), null, 2)}\n`;
    // Writes happen one after another, so an older snapshot never lands after a newer one.
    this.saving = this.saving.then(async () => {
      const temporary = `${this.path}.${process.pid}.tmp`;
      try {
        await mkdir(dirname(this.path), { recursive: true });
        await writeFile(temporary, text, "utf8");
        await rename(temporary, this.path);
      } catch (error) {
        this.warn(`zendesk-sim: could not save ${this.path}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return this.saving;
  }
}
