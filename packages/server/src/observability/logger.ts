import { pino, type Logger } from "pino";

export type { Logger } from "pino";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One JSON object per line on stdout (pino), for a log collector to read; `level` as a word. */
export function createLogger(level: LogLevel = "info"): Logger {
  return pino({ level, base: { service: "parley" }, formatters: { level: (label) => ({ level: label }) } });
}

/** A logger that writes nothing (tests). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
