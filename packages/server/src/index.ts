export { ConfigError, loadConfig, type Config } from "./config";
export { createParley, listen, type Parley, type ParleyOptions } from "./server";
export { main } from "./main";
export { clockStartingAt } from "./clock";
export { createUserHash, userHash } from "./identity/verify";
export { keptAdminToken } from "./security/admin-token";
