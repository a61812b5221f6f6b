// The Google emulator: a local server that speaks Gmail v1, Calendar v3 and Google OAuth on the wire,
// with a control API for seeding data, faults and expiring cursors. Tests and the demo run against it.
export { startEmulator, buildEmulatorApp, type EmulatorOptions, type RunningEmulator } from './server.js';
export { EmulatorControl, EmulatorControlError } from './control-client.js';
export { seedDemo, type DemoOptions, type DemoSummary, type DemoTarget, type DemoEventKind } from './demo.js';
export { prepareDemoAccount, type DemoStartOptions } from './demo-start.js';
export { loadStateFile, writeStateFile, corruptCopyOf } from './state-file.js';
export type { EmulatorSnapshot } from './state/snapshot.js';
export { EmulatorState, type AccountInput, type AddedMessage } from './state/index.js';
export type { MailInput, EventInput, Account, CalendarInfo } from './state/index.js';
export type { FaultSpec, FaultOutcome, Fault } from './faults.js';
export { createRandom, type Random } from './random.js';
export { GmailQuota } from './quota.js';
export type { GmailQuotaSettings, QuotaVerdict } from './quota.js';
export type { QuotaState } from './quota-routes.js';
export type { RequestLogEntry, RequestLogFilter } from './request-log.js';
export type { EmulatorClock } from './clock.js';
export type { MailKind } from './content.js';
export { INVALID_TOKEN_CHALLENGE, type GoogleErrorBody } from './errors.js';
