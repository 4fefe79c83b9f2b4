/**
 * A clock that reads `start` now and runs on at the usual pace from there: PARLEY_FAKE_CLOCK_START,
 * for tests and demos that need a given day and hour (office hours, say). The same start gives the
 * same clock in every process that reads it, so `npm start` hands it to the simulator too, and the
 * timestamps of its signed webhooks stay within Parley's tolerance.
 */
export function clockStartingAt(start: Date, realNow: () => number = Date.now): () => Date {
  const offset = start.getTime() - realNow();
  return () => new Date(realNow() + offset);
}
