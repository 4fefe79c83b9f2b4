export { step } from "./step";
export { DEFAULT_ENGINE_CONFIG, HISTORY_LENGTH, initialState } from "./defaults";
export { TEXT_LANGUAGES, textsFor } from "./texts";
export type * from "./types";
