// Process-level pieces shared by the commands: the real clock and id source, the API token file.
// Everything here touches the machine; the domain gets these injected.
export { systemClock, randomIds, hostTimeZone } from './system.js';
export { ensureApiToken } from './api-token.js';
