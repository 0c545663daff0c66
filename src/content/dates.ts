import type { OffsetDateTime } from "./model.ts";

const OFFSET_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const FIRST_YEAR = 1900;
const LAST_YEAR = 2100;
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Checks that `value` is an RFC 3339 date-time with an explicit offset and a real calendar date.
 * Returns what is wrong, or `undefined` when it is valid.
 */
export function offsetDateTimeProblem(value: string): string | undefined {
  const m = OFFSET_DATE_TIME.exec(value);
  if (!m) return `"${value}" ${shapeProblem(value)} (write it like 2019-11-01T19:18:00+05:30)`;
  const [, y, mo, d, h, mi, s, , offset] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  const sameFields =
    date.getUTCFullYear() === Number(y) &&
    date.getUTCMonth() === Number(mo) - 1 &&
    date.getUTCDate() === Number(d) &&
    date.getUTCHours() === Number(h) &&
    date.getUTCMinutes() === Number(mi) &&
    date.getUTCSeconds() === Number(s);
  if (!sameFields) return `"${value}" is not a real date and time`;
  if (Number(y) < FIRST_YEAR || Number(y) > LAST_YEAR) {
    return `"${value}" is not between the years ${FIRST_YEAR} and ${LAST_YEAR}`;
  }
  if (offset !== "Z" && impossibleOffset(offset ?? "")) {
    return `"${value}" has an impossible UTC offset (offsets run from -14:00 to +14:00)`;
  }
  return undefined;
}

// Whether a `±hh:mm` offset is beyond ±14:00 or has minutes past 59.
function impossibleOffset(offset: string): boolean {
  const hours = Number(offset.slice(1, 3));
  const minutes = Number(offset.slice(4));
  return minutes > 59 || hours * 60 + minutes > 14 * 60;
}

function shapeProblem(value: string): string {
  if (/\b(IST|GMT|UTC)\b/.test(value)) return "names a time zone; give the UTC offset instead";
  if (/^\d{4}-\d{2}-\d{2} \d{2}:/.test(value)) return "needs a T between the date and the time";
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(value)) return "has no UTC offset";
  return "is not a date-time with a UTC offset";
}

/** Milliseconds since the epoch of an offset date-time. */
export function epochMillis(value: OffsetDateTime): number {
  return Date.parse(value);
}

/**
 * The same instant with its offset kept (`Z` written as `+00:00`),
 * as Atom and JSON Feed want it: `2019-11-01T19:18:00+05:30`.
 * @see https://www.rfc-editor.org/rfc/rfc3339
 */
export function toRfc3339(value: OffsetDateTime): string {
  const m = OFFSET_DATE_TIME.exec(value);
  if (!m) throw new TypeError(`not an offset date-time: ${value}`);
  const [, y, mo, d, h, mi, s, fraction = "", offset] = m;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${offset === "Z" ? "+00:00" : offset}`;
}

/**
 * The RFC 822 date RSS 2.0 wants, in the article's own offset: `Fri, 01 Nov 2019 19:18:00 +0530`.
 * @see https://www.rssboard.org/rss-specification#ltpubdategtSubelementOfLtitemgt
 */
export function toRfc822(value: OffsetDateTime): string {
  const m = OFFSET_DATE_TIME.exec(value);
  if (!m) throw new TypeError(`not an offset date-time: ${value}`);
  const [, y, mo, d, h, mi, s, , offset] = m;
  const weekday = DAYS[new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDay()];
  const zone = offset === "Z" ? "+0000" : offset?.replace(":", "");
  return `${weekday}, ${d} ${MONTHS[Number(mo) - 1]} ${y} ${h}:${mi}:${s} ${zone}`;
}

/** The later of two offset date-times, keeping its own offset. */
export function later(a: OffsetDateTime, b: OffsetDateTime): OffsetDateTime {
  return epochMillis(b) > epochMillis(a) ? b : a;
}
