import type { OffsetDateTime } from "./model.ts";

const IST = "Asia/Kolkata";
const HINDI_IST = new Intl.DateTimeFormat("hi-IN", {
  timeZone: IST,
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  dayPeriod: "short",
} as Intl.DateTimeFormatOptions);
const HINDI_DAY = new Intl.DateTimeFormat("hi-IN", { timeZone: IST, day: "numeric", month: "long", year: "numeric" });

/** A date as Hindi readers expect it, in IST: `1 नवंबर 2019 को शाम 7:18 बजे IST`. */
export function hindiDate(value: OffsetDateTime): string {
  return `${HINDI_IST.format(new Date(value))} IST`;
}

/** The day of a date in Hindi, in IST, as prose names it: `1 नवंबर 2019`. */
export function hindiDay(value: OffsetDateTime): string {
  return HINDI_DAY.format(new Date(value));
}
