/** Where the emulator reads the time; tests pass a clock they move by hand. */
export interface EmulatorClock {
  now(): Date;
}

export const systemClock: EmulatorClock = { now: () => new Date() };
