export { step } from "./step";
export {
  DEFAULT_CLARIFY_TIMEOUT_SECONDS,
  DEFAULT_ENGINE_CONFIG,
  DEFAULT_GREETING,
  DEFAULT_WORKFLOW_VERSION,
  HISTORY_LENGTH,
  initialState,
} from "./defaults";
export { TEXT_LANGUAGES, textsFor } from "./texts";
export type * from "./types";
