// The emulated Google data: accounts and OAuth material, mailboxes with history, calendars with
// change counters; EmulatorState ties them together and carries the control operations.
export { EmulatorState, type AccountInput, type AddedMessage, type StateOptions } from './emulator-state.js';
export type { Account } from './accounts.js';
export type { CalendarInfo, AccessRole } from './calendar.js';
export type { MailInput } from './mail-input.js';
export type { EventInput } from './event-input.js';
