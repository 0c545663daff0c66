import type { OffsetDateTime } from "../content/model.ts";

const HINDI_IST = new Intl.DateTimeFormat("hi-IN", {
  timeZone: "Asia/Kolkata",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  dayPeriod: "short",
} as Intl.DateTimeFormatOptions);

/** A date as Hindi readers expect it, in IST: `1 नवंबर 2019 को शाम 7:18 बजे IST`. */
export function hindiDate(value: OffsetDateTime): string {
  return `${HINDI_IST.format(new Date(value))} IST`;
}
