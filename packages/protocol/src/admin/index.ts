/**
 * The admin API's answers (/admin/api/…): the console parses them with these schemas, and the
 * server's admin routes build them typed by them, so the two cannot drift apart unnoticed.
 * Errors have the shape of every other error (`AnyErrorBody`).
 */
export * from "./articles";
export * from "./conversations";
export * from "./identity";
export * from "./install";
export * from "./zendesk";
export * from "./setup";
export * from "./handoff";
export * from "./workflow";
export * from "./jobs";
