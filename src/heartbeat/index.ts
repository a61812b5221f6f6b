// The worker's sign of life: a file it touches while its poll loop runs, and the age check that
// `skytwin worker health` (a container health check) makes of it. Kept apart so the check loads little.
export { heartbeatFile, heartbeatAge } from './heartbeat.js';
export type { Heartbeat, HeartbeatOptions } from './heartbeat.js';
