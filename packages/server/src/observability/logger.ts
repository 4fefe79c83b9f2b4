import { pino, type Logger } from "pino";

export type { Logger } from "pino";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One JSON object per line on stdout (pino), for a log collector to read; `level` as a word. */
export function createLogger(level: LogLevel = "info", redact: (text: string) => string = (text) => text): Logger {
  return pino({
    level,
    base: { service: "parley" },
    formatters: { level: (label) => ({ level: label }) },
    hooks: {
      // Secrets never reach a log line: every message, and an error's message and stack, go through `redact`.
      logMethod(args, method) {
        const cleaned = args.map((arg: unknown) => {
          if (typeof arg === "string") return redact(arg);
          if (arg && typeof arg === "object" && "err" in arg && arg.err instanceof Error) {
            const { err, ...rest } = arg as { err: Error };
            return { ...rest, err: { type: err.name, message: redact(err.message), stack: redact(err.stack ?? "") } };
          }
          return arg;
        });
        method.apply(this, cleaned as Parameters<typeof method>);
      },
    },
  });
}

/** A logger that writes nothing (tests). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
