/**
 * Durations and instants: the forms the files may use (values worked out by hand), each invalid form with
 * the message that names its problem, the schema patterns agreeing with the parsers on arbitrary strings,
 * and instants against an independent oracle (the JavaScript Date parser) over random dates and offsets.
 */
import fc from 'fast-check';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import {
  Duration,
  DURATION_PATTERN,
  formatDuration,
  formatInstant,
  Instant,
  INSTANT_PATTERN,
  instantEpochMs,
  InstantString,
  parseDuration,
  parseInstant,
  UnitError,
} from '../../models/schema/units.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 1.5],
    ['45min', 45],
    ['6h', 360],
    ['3d', 4320],
    ['1h30min', 90],
    ['1d 12h', 2160],
    ['1d12h30min15s', 1440 + 720 + 30 + 0.25],
    ['1.5h', 90],
    ['6 h', 360],
    ['0min', 0],
    ['90', 90],
    ['2.5', 2.5],
  ])('%s = %d minutes', (text, minutes) => {
    expect(parseDuration(text)).toBeCloseTo(minutes, 12);
  });

  it('takes numbers as minutes', () => {
    expect(parseDuration(90)).toBe(90);
    expect(parseDuration(0)).toBe(0);
  });

  it.each([
    ['6 hours', /unknown unit 'hours' \(write h\)/],
    ['5m', /'m' is ambiguous.*write min/],
    ['2w', /weeks are not a unit here: write 7d/],
    ['30min1h', /largest to smallest/],
    ['1h1h', /each at most once/],
    ['1h30', /the number 30 has no unit/],
    ['-5min', /cannot be negative/],
    ['', /it is empty/],
    ['   ', /it is empty/],
    [' 5min', /leading or trailing spaces/],
    ['abc', /unexpected "abc"/],
    ['.5h', /write a digit before the decimal point/],
    ['1h  30min', /unexpected/],
  ])('rejects %j: %s', (text, message) => {
    expect(() => parseDuration(text)).toThrow(UnitError);
    expect(() => parseDuration(text)).toThrow(message);
    // Every rejection says what would have been accepted.
    expect(() => parseDuration(text)).toThrow(/expected a duration such as 90s, 45min, 6h, 3d or 1h30min, or a number of minutes/);
  });

  it('rejects negative and non-finite numbers', () => {
    expect(() => parseDuration(-1)).toThrow(/cannot be negative/);
    expect(() => parseDuration(Infinity)).toThrow(/finite/);
    expect(() => parseDuration(NaN)).toThrow(/finite/);
  });

  it('the schema pattern accepts exactly what parseDuration accepts', () => {
    const re = new RegExp(DURATION_PATTERN);
    const accepts = (s: string): boolean => {
      try {
        parseDuration(s);
        return true;
      } catch {
        return false;
      }
    };
    // Number-unit pairs with optional spaces (mostly well-formed, so both sides of the boundary are hit
    // often), and free mixtures of the same pieces.
    const pair = fc
      .record({
        num: fc.constantFrom('1', '30', '0', '1.5', '.5', '1.', ''),
        sp1: fc.constantFrom('', '', ' ', '  '),
        unit: fc.constantFrom('d', 'h', 'min', 's', 'm', 'hours', ''),
        sp2: fc.constantFrom('', '', ' '),
      })
      .map((p) => `${p.num}${p.sp1}${p.unit}${p.sp2}`);
    const structured = fc.array(pair, { minLength: 1, maxLength: 4 }).map((ps) => ps.join(''));
    const piece = fc.constantFrom('1', '30', '0', '1.5', '.', ' ', 'd', 'h', 'min', 's', 'm', 'in', 'x', '-');
    const mixed = fc.array(piece, { maxLength: 8 }).map((ps) => ps.join(''));
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(structured, mixed), (s) => {
        const ok = accepts(s);
        if (ok) accepted++;
        expect(re.test(s)).toBe(ok);
      }),
      { numRuns: 5000, seed: 20200818 },
    );
    // The generator reaches valid durations often enough for the agreement to mean something.
    expect(accepted).toBeGreaterThan(150);
  });

  it('formatDuration writes a form that parses back to the same minutes', () => {
    expect(formatDuration(90)).toBe('1h30min');
    expect(formatDuration(4320)).toBe('3d');
    expect(formatDuration(1.5)).toBe('1min30s');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 86400 }), (seconds) => {
        expect(parseDuration(formatDuration(seconds / 60))).toBeCloseTo(seconds / 60, 9);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe('parseInstant', () => {
  const start = '2020-08-15T00:00+08:00';

  it('gives minutes from scenario start', () => {
    // 3 days and 6 hours after start.
    expect(parseInstant('2020-08-18T06:00+08:00', start)).toBe(4680);
    // The same moment written in UTC.
    expect(parseInstant('2020-08-17T22:00Z', start)).toBe(4680);
    expect(parseInstant('2020-08-17T22:00:00+00:00', start)).toBe(4680);
    expect(parseInstant('2020-08-17T22:00+0000', start)).toBe(4680);
    expect(parseInstant('2020-08-18T06:00:30+08:00', start)).toBe(4680.5);
    expect(parseInstant('2020-08-18T06:00:00.25+08:00', start)).toBeCloseTo(4680 + 0.25 / 60, 12);
    // Before start is negative; a number is already minutes from start.
    expect(parseInstant('2020-08-14T23:00+08:00', start)).toBe(-60);
    expect(parseInstant(1860, start)).toBe(1860);
  });

  it('counts leap days and year ends', () => {
    expect(parseInstant('2020-03-01T00:00Z', '2020-02-28T00:00Z')).toBe(2 * 1440);
    expect(parseInstant('2021-03-01T00:00Z', '2021-02-28T00:00Z')).toBe(1440);
    expect(parseInstant('2000-03-01T00:00Z', '2000-02-28T00:00Z')).toBe(2 * 1440); // 2000 is a leap year
    expect(parseInstant('2100-03-01T00:00Z', '2100-02-28T00:00Z')).toBe(1440); // 2100 is not
    expect(parseInstant('2021-01-01T00:00+08:00', '2020-12-31T16:00Z')).toBe(0);
  });

  it('agrees with the JavaScript Date parser on random instants and offsets', () => {
    const two = (n: number): string => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 1970, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: -12 * 4, max: 14 * 4 }),
        (y, mo, d, h, mi, quarterHours) => {
          const off = Math.abs(quarterHours * 15);
          const zone = quarterHours === 0 ? 'Z' : `${quarterHours < 0 ? '-' : '+'}${two(Math.floor(off / 60))}:${two(off % 60)}`;
          const iso = `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}${zone}`;
          expect(instantEpochMs(iso)).toBe(Date.parse(iso));
        },
      ),
      { numRuns: 2000, seed: 818 },
    );
  });

  it.each([
    ['2020-08-18T06:00', /no UTC offset.*write 2020-08-18T06:00\+08:00 for China Standard Time or 2020-08-18T06:00Z for UTC/],
    ['2020-08-18T06:00:00', /no UTC offset/],
    ['2020-08-18', /a date alone is not an instant/],
    ['2020-08-18 06:00+08:00', /with 'T', not a space/],
    ['2020-08-18t06:00z', /capitals/],
    ['2020-02-30T00:00+08:00', /February 2020 has 29 days, not 30/],
    ['2021-02-29T00:00+08:00', /February 2021 has 28 days, not 29/],
    ['2020-04-31T00:00Z', /April 2020 has 30 days, not 31/],
    ['2020-08-18T25:00+08:00', /hour 25 is out of range 00-23/],
    ['2020-08-18T06:61+08:00', /minute 61 is out of range/],
    ['2020-13-18T06:00+08:00', /month 13 is out of range/],
    ['2020-08-18T06:00+8', /offset as \+HH:MM/],
    ['2020-08-18T06+08:00', /hours and minutes/],
    ['next tuesday', /expected the form YYYY-MM-DDTHH:MM/],
  ])('rejects %j: %s', (text, message) => {
    expect(() => parseInstant(text, '2020-08-15T00:00+08:00')).toThrow(message);
    expect(() => parseInstant(text, '2020-08-15T00:00+08:00')).toThrow(/expected an ISO-8601 date-time with a UTC offset/);
  });

  it('rejects a start without offset too', () => {
    expect(() => parseInstant('2020-08-18T06:00+08:00', '2020-08-15T00:00')).toThrow(/no UTC offset/);
  });

  it("formatInstant writes minutes back in the start's own offset", () => {
    expect(formatInstant(4680, start)).toBe('2020-08-18T06:00+08:00');
    expect(formatInstant(-60, start)).toBe('2020-08-14T23:00+08:00');
    expect(formatInstant(0.5, '2020-08-17T22:00Z')).toBe('2020-08-17T22:00:30Z');
    expect(formatInstant(60, '2020-12-31T23:30-03:30')).toBe('2021-01-01T00:30-03:30');
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), (minutes) => {
        expect(parseInstant(formatInstant(minutes, start), start)).toBe(minutes);
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});

describe('Duration() and Instant() schema types', () => {
  it('accept the file forms and numbers, and reject the rest', () => {
    const d = Duration();
    for (const ok of ['90s', '45min', '6h', '3d', '1h30min', 90, 0]) expect(Value.Check(d, ok)).toBe(true);
    for (const bad of ['6 hours', '30min1h', -5, '', true, null]) expect(Value.Check(d, bad)).toBe(false);
    const i = Instant();
    for (const ok of ['2020-08-18T06:00+08:00', '2020-08-17T22:00Z', 1860, -30]) expect(Value.Check(i, ok)).toBe(true);
    for (const bad of ['2020-08-18T06:00', '2020-08-18', 'tomorrow', null]) expect(Value.Check(i, bad)).toBe(false);
    expect(Value.Check(InstantString(), 1860)).toBe(false);
  });

  it('carry pattern, description, examples and editor messages into JSON Schema', () => {
    const d = JSON.parse(JSON.stringify(Duration({ description: 'how long' }))) as {
      description: string;
      anyOf: Array<{ type: string; pattern?: string; patternErrorMessage?: string }>;
      examples: unknown[];
      errorMessage: string;
    };
    expect(d.description).toBe('how long');
    expect(d.anyOf[0]!.pattern).toBe(DURATION_PATTERN);
    expect(d.anyOf[0]!.patternErrorMessage).toMatch(/90s, 45min, 6h, 3d or 1h30min/);
    expect(d.anyOf[1]!.type).toBe('number');
    expect(d.examples).toContain('1h30min');
    const i = JSON.parse(JSON.stringify(Instant())) as { anyOf: Array<{ pattern?: string }> };
    expect(i.anyOf[0]!.pattern).toBe(INSTANT_PATTERN);
  });
});
