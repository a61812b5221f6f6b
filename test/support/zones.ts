/** A fixed-offset zone in which `now` is about noon: a default active window (08:00-22:00) is open there. */
export function zoneAtNoon(now: Date): string {
  const offset = Math.max(-12, Math.min(14, 12 - now.getUTCHours()));
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}
