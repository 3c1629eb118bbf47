/**
 * Durations and instants as scenario and plan files write them, and the TypeBox types that accept them.
 *
 * The kernel's clock is a double in minutes from scenario start (docs/architecture.md section 3). Files say `90s`,
 * `45min`, `6h`, `3d`, `1h30min` or a plain number of minutes for durations, and ISO-8601 date-times WITH a
 * UTC offset for instants (`2020-08-18T06:00+08:00`). The offset is mandatory because the 2020 record
 * mixes Beijing time and UTC, and a silently assumed zone shifts a trigger by eight hours.
 *
 * The loader (document.ts) only checks the form; a later compile step converts with `parseDuration` and
 * `parseInstant`. The regular expressions below and the parsers accept exactly the same strings (a
 * property test holds them together); the parsers exist to say precisely what is wrong.
 *
 * Pure arithmetic throughout: no `Date`, no time zone database, no clock.
 */
import { Type, type TNumber, type TString, type TUnion } from '@sinclair/typebox';

/** A unit error: `message` says what was written and what is expected. */
export class UnitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnitError';
  }
}

// ------------------------------------------------------------------------------------------------
// Durations

const NUM = '\\d+(?:\\.\\d+)?';

/**
 * A duration string: a plain number of minutes (`90`, `1.5`), or components from largest to smallest unit,
 * each at most once, optionally separated by single spaces: `3d`, `6h`, `45min`, `90s`, `1h30min`, `1d 12h`,
 * `1.5h`, `6 h`.
 */
export const DURATION_PATTERN =
  `^(?:${NUM}|(?=\\d)(?:${NUM} ?d(?: (?=\\d)|(?=\\d)|$))?(?:${NUM} ?h(?: (?=\\d)|(?=\\d)|$))?(?:${NUM} ?min(?: (?=\\d)|(?=\\d)|$))?(?:${NUM} ?s)?)$`;

export const DURATION_EXAMPLES = ['90s', '45min', '6h', '3d', '1h30min'] as const;
const DURATION_EXPECTED = 'a duration such as 90s, 45min, 6h, 3d or 1h30min, or a number of minutes';

const UNIT_MINUTES = { d: 1440, h: 60, min: 1, s: 1 / 60 } as const;
type DurationUnit = keyof typeof UNIT_MINUTES;
const UNIT_ORDER: readonly DurationUnit[] = ['d', 'h', 'min', 's'];

/** Units people write that we do not accept, with what to write instead. */
const UNIT_HINTS: Record<string, string> = {
  m: "'m' is ambiguous (minutes? months?): write min",
  mins: 'write min',
  minute: 'write min',
  minutes: 'write min',
  sec: 'write s',
  secs: 'write s',
  second: 'write s',
  seconds: 'write s',
  hr: 'write h',
  hrs: 'write h',
  hour: 'write h',
  hours: 'write h',
  day: 'write d',
  days: 'write d',
  w: 'weeks are not a unit here: write 7d',
  wk: 'weeks are not a unit here: write 7d',
  week: 'weeks are not a unit here: write 7d',
  weeks: 'weeks are not a unit here: write 7d',
  ms: 'milliseconds are below the model resolution: write s',
};

function show(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}

/**
 * Minutes in a duration: a number (minutes) or a string in the forms of DURATION_PATTERN.
 * Throws UnitError naming the problem (unknown unit, missing unit, order, sign, junk).
 */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UnitError(`a duration must be a finite number of minutes; got ${String(value)}`);
    if (value < 0) throw new UnitError(`a duration cannot be negative; got ${value}`);
    return value;
  }
  const text = value;
  const fail: (why: string) => never = (why) => {
    throw new UnitError(`${show(text)} is not a duration: ${why}; expected ${DURATION_EXPECTED}`);
  };
  if (text.trim() === '') fail('it is empty');
  if (text !== text.trim()) fail('remove the leading or trailing spaces');
  if (/^-/.test(text)) fail('a duration cannot be negative');
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);

  // Tokenise: number, optional single space, unit letters, optional single space.
  const token = /(\d+(?:\.\d+)?|\.\d+)( ?)([^\d\s.]*)( ?)/y;
  let pos = 0;
  let minutes = 0;
  let lastRank = -1;
  while (pos < text.length) {
    token.lastIndex = pos;
    const m = token.exec(text);
    if (m === null || m[0] === '') fail(`unexpected ${show(text.slice(pos, pos + 10))} at character ${pos + 1}`);
    const [whole, num, , unit, trailing] = m as unknown as [string, string, string, string, string];
    if (num.startsWith('.')) fail(`write a digit before the decimal point (0${num})`);
    if (unit === '') fail(`the number ${num} has no unit (units: d, h, min, s)`);
    if (!Object.hasOwn(UNIT_MINUTES, unit)) {
      const hint = UNIT_HINTS[unit.toLowerCase()];
      fail(`unknown unit '${unit}'${hint !== undefined ? ` (${hint})` : ''}; the units are d, h, min and s`);
    }
    const rank = UNIT_ORDER.indexOf(unit as DurationUnit);
    if (rank <= lastRank) fail('units must go from largest to smallest (d, h, min, s), each at most once');
    lastRank = rank;
    minutes += Number(num) * UNIT_MINUTES[unit as DurationUnit];
    pos += whole.length;
    if (trailing === ' ' && pos >= text.length) fail('remove the trailing space');
  }
  return minutes;
}

/** The message parseDuration would throw, or undefined when `text` is a valid duration. */
export function durationProblem(value: string | number): string | undefined {
  try {
    parseDuration(value);
    return undefined;
  } catch (err) {
    if (err instanceof UnitError) return err.message;
    throw err;
  }
}

/** `90` -> "1h30min"; the shortest exact form in the file syntax (for messages and drill scripts). */
export function formatDuration(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes < 0) throw new UnitError(`cannot format ${minutes} as a duration`);
  if (minutes === 0) return '0min';
  let seconds = Math.round(minutes * 60 * 1000) / 1000;
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['min', 60],
  ] as const) {
    const n = Math.floor(seconds / size);
    if (n > 0) parts.push(`${n}${unit}`);
    seconds -= n * size;
  }
  if (seconds > 0) parts.push(`${Number(seconds.toFixed(3))}s`);
  return parts.join('');
}

// ------------------------------------------------------------------------------------------------
// Instants

/**
 * ISO-8601 / RFC 3339 date-time with a mandatory offset: `2020-08-18T06:00+08:00`, `2020-08-18T06:00:30Z`,
 * `2020-08-17T22:00:00.5+0000`. Field ranges are in the pattern; day-of-month validity (no 30 February)
 * is checked by `parseInstant`, which the loader also runs.
 */
export const INSTANT_PATTERN =
  '^\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])T(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d{1,9})?)?(?:Z|[+-](?:[01]\\d|2[0-3]):?[0-5]\\d)$';

const INSTANT_EXPECTED = 'an ISO-8601 date-time with a UTC offset, such as 2020-08-18T06:00+08:00 or 2020-08-17T22:00Z';

const INSTANT_RE = new RegExp(INSTANT_PATTERN);

const INSTANT_PARTS =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Explain why `text` is not an instant (called only once the strict parse has failed). */
function instantProblem(text: string): string {
  const t = text.trim();
  if (t === '') return 'it is empty';
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return `a date alone is not an instant: add a time and an offset, e.g. ${t}T00:00+08:00`;
  if (/^\d{4}-\d{2}-\d{2} \d/.test(t)) return "separate the date and the time with 'T', not a space";
  if (/^\d{4}-\d{2}-\d{2}t/.test(t) || /z$/.test(t)) return "write 'T' and 'Z' in capitals";
  const local = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(t);
  if (local !== null) {
    return `it has no UTC offset, and a local time is ambiguous (Beijing time or UTC?): write ${local[1]}+08:00 for China Standard Time or ${local[1]}Z for UTC`;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}(?:Z|[+-]|$)/.test(t)) return 'give the time as hours and minutes (HH:MM)';
  if (/[+-]\d{1,2}$/.test(t)) return 'write the offset as +HH:MM, e.g. +08:00';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(t);
  if (m !== null) {
    const [, , mo, d, h, mi, s] = m as unknown as [string, string, string, string, string, string, string | undefined];
    if (Number(mo) < 1 || Number(mo) > 12) return `month ${mo} is out of range 01-12`;
    if (Number(d) < 1 || Number(d) > 31) return `day ${d} is out of range 01-31`;
    if (Number(h) > 23) return `hour ${h} is out of range 00-23`;
    if (Number(mi) > 59) return `minute ${mi} is out of range 00-59`;
    if (s !== undefined && Number(s) > 59) return `second ${s} is out of range 00-59`;
    const off = /([+-])(\d{2}):?(\d{2})$/.exec(t);
    if (off !== null && (Number(off[2]) > 23 || Number(off[3]) > 59)) return `offset ${off[0]} is out of range`;
  }
  return 'expected the form YYYY-MM-DDTHH:MM[:SS][.fff] followed by Z or an offset such as +08:00';
}

/** Milliseconds since 1970-01-01T00:00Z of an ISO-8601 instant with offset. Throws UnitError. */
export function instantEpochMs(text: string): number {
  const m = INSTANT_PARTS.exec(text);
  const fail = (why: string): never => {
    throw new UnitError(`${show(text)} is not an instant: ${why}; expected ${INSTANT_EXPECTED}`);
  };
  if (m === null || !INSTANT_RE.test(text)) return fail(instantProblem(text));
  const [, ys, mos, ds, hs, mis, ss, frac, zone] = m as unknown as [string, string, string, string, string, string, string | undefined, string | undefined, string];
  const y = Number(ys);
  const mo = Number(mos);
  const d = Number(ds);
  if (d > daysInMonth(y, mo)) fail(`${MONTHS[mo - 1]!} ${y} has ${daysInMonth(y, mo)} days, not ${d}`);
  let offsetMin = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  const fractionMs = frac === undefined ? 0 : Number(`0.${frac}`) * 1000;
  const localMs = (((daysFromCivil(y, mo, d) * 24 + Number(hs)) * 60 + Number(mis)) * 60 + Number(ss ?? 0)) * 1000 + fractionMs;
  return localMs - offsetMin * 60_000;
}

/**
 * Minutes from scenario start of an instant. `value` is an ISO-8601 date-time with offset, or already a
 * number of minutes from start (returned as is). `start` is the scenario's start instant. Throws UnitError.
 */
export function parseInstant(value: string | number, start: string): number {
  const startMs = instantEpochMs(start);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UnitError(`an instant in minutes from scenario start must be finite; got ${String(value)}`);
    return value;
  }
  return (instantEpochMs(value) - startMs) / 60_000;
}

/** The message instantEpochMs would throw for `text`, or undefined when it is a valid instant. */
export function instantProblemMessage(text: string): string | undefined {
  try {
    instantEpochMs(text);
    return undefined;
  } catch (err) {
    if (err instanceof UnitError) return err.message;
    throw err;
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * The instant `minutes` after `start`, written in `start`'s own offset (so a Leshan scenario prints Beijing
 * time): formatInstant(1860, '2020-08-17T00:00+08:00') = '2020-08-18T07:00+08:00'. Seconds appear only
 * when non-zero.
 */
export function formatInstant(minutes: number, start: string): string {
  const zone = INSTANT_PARTS.exec(start)?.[8];
  if (zone === undefined) throw new UnitError(`${show(start)} is not an instant; expected ${INSTANT_EXPECTED}`);
  const startMs = instantEpochMs(start);
  let offsetMin = 0;
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    offsetMin = (zone.startsWith('-') ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  const totalMs = Math.round(startMs + minutes * 60_000 + offsetMin * 60_000);
  const days = Math.floor(totalMs / 86_400_000);
  let rest = totalMs - days * 86_400_000;
  // civil_from_days (H. Hinnant)
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const mo = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (mo <= 2 ? 1 : 0);
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const mi = Math.floor(rest / 60_000);
  rest -= mi * 60_000;
  const sec = rest / 1000;
  const secText = sec === 0 ? '' : `:${sec < 10 ? '0' : ''}${Number(sec.toFixed(3))}`;
  const zoneText = zone === 'Z' ? 'Z' : `${zone[0]}${pad(Math.floor(Math.abs(offsetMin) / 60))}:${pad(Math.abs(offsetMin) % 60)}`;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}${secText}${zoneText}`;
}

// ------------------------------------------------------------------------------------------------
// TypeBox types

export interface UnitTypeOptions {
  description?: string;
}

/**
 * A duration in a schema: a string in the forms of DURATION_PATTERN, or a number of minutes (>= 0).
 * The JSON Schema carries the pattern, examples and an `errorMessage`/`patternErrorMessage` that VS Code's
 * YAML and JSON language services show; the loader says more (which unit is wrong, and why).
 */
export function Duration(options: UnitTypeOptions = {}): TUnion<[TString, TNumber]> {
  return Type.Union(
    [
      Type.String({ pattern: DURATION_PATTERN, patternErrorMessage: `expected ${DURATION_EXPECTED}` }),
      Type.Number({ minimum: 0, description: 'minutes' }),
    ],
    {
      description: options.description ?? `A duration: ${DURATION_EXAMPLES.join(', ')}, or a number of minutes`,
      examples: [...DURATION_EXAMPLES],
      errorMessage: `expected ${DURATION_EXPECTED}`,
    },
  );
}

/** An instant given only as an ISO-8601 date-time with offset (e.g. a scenario's `start`). */
export function InstantString(options: UnitTypeOptions = {}): TString {
  return Type.String({
    pattern: INSTANT_PATTERN,
    description: options.description ?? 'An ISO-8601 date-time with a UTC offset, e.g. 2020-08-18T06:00+08:00',
    examples: ['2020-08-18T06:00+08:00', '2020-08-17T22:00Z'],
    patternErrorMessage: `expected ${INSTANT_EXPECTED}`,
  });
}

/** An instant: an ISO-8601 date-time with offset, or a number of minutes from scenario start. */
export function Instant(options: UnitTypeOptions = {}): TUnion<[TString, TNumber]> {
  return Type.Union([InstantString(), Type.Number({ description: 'minutes from scenario start' })], {
    description: options.description ?? 'An instant: ISO-8601 with a UTC offset (2020-08-18T06:00+08:00), or minutes from scenario start',
    examples: ['2020-08-18T06:00+08:00', 1860],
    errorMessage: `expected ${INSTANT_EXPECTED}, or a number of minutes from scenario start`,
  });
}

/**
 * Explain a string that failed one of the patterns above, for the loader; undefined for other patterns.
 * (The loader recognises the unit types by their pattern, so no private keyword leaks into JSON Schema.)
 */
export function explainUnitPattern(pattern: unknown, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (pattern === DURATION_PATTERN) return durationProblem(value);
  if (pattern === INSTANT_PATTERN) return instantProblemMessage(value);
  return undefined;
}

/**
 * Unit parsers for a compile step that reports every problem instead of stopping at the first: a bad value
 * is reported at its JSON pointer through `fail`, and the parse returns `fallback` so compiling goes on.
 */
export function reportingUnits(start: string, fail: (path: string, message: string) => void) {
  const guard = (parse: () => number, path: string, fallback: number): number => {
    try {
      return parse();
    } catch (err) {
      fail(path, err instanceof Error ? err.message : String(err));
      return fallback;
    }
  };
  return {
    /** An instant (ISO with offset, or a duration after the start) in minutes from the start. */
    instant: (value: string | number, path: string, fallback = 0): number => guard(() => parseInstant(value, start), path, fallback),
    /** A duration in minutes; `fallback` when absent. */
    duration: (value: string | number | undefined, path: string, fallback = 0): number =>
      value === undefined ? fallback : guard(() => parseDuration(value), path, fallback),
  };
}
