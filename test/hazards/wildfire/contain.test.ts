/**
 * Fried & Fried containment as behave's Contain runs it: behave's own test case, and invariants that hold for
 * any input: a fire is never contained by a line shorter than the perimeter of what it encloses (the
 * isoperimetric inequality: no closed line around an area A is shorter than 2√(πA)), more production never
 * gives a larger fire, a later arrival never a smaller one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containSI } from '../../../models/hazards/wildfire/calc.js';
import { contain, type ContainInput } from '../../../models/hazards/wildfire/contain.js';

describe('contain (behave test case)', () => {
  // testBehave.cpp: 1 ac reported, 5 ch/h, LB 3, head attack, one 20 ch/h resource arriving at 2 h for 8 h.
  const behave: ContainInput = {
    reportSizeAc: 1,
    reportRateChH: 5,
    lengthToWidthRatio: 3,
    tactic: 'head',
    attackDistanceCh: 0,
    resources: [{ arrivalMin: 120, durationMin: 480, productionChH: 20 }],
  };

  it('gives behave line, time, final size, and size and perimeter at initial attack', () => {
    const r = contain(behave);
    expect(r.status).toBe('contained');
    expect(r.lineCh).toBeCloseTo(39.5398496, 6);
    expect(r.timeSinceReportMin).toBeCloseTo(238.75, 9);
    expect(r.finalSizeAc).toBeCloseTo(9.4274971, 6);
    expect(r.perimeterAtInitialAttackCh).toBeCloseTo(37.5191799, 6);
    // behave's acre is 43,560.00216 ft², 5e-8 larger than the statute acre used here.
    expect(r.sizeAtInitialAttackAc * (1 - 4.96e-8)).toBeCloseTo(8.9545017, 6);
  });

  it('SI wrapper: the same case in metres and hectares', () => {
    const r = containSI({
      reportSizeHa: 0.40468564224,
      reportSpreadRateMMin: (5 * 20.1168) / 60,
      lengthToWidthRatio: 3,
      tactic: 'head',
      attackDistanceM: 0,
      resources: [{ arrivalMin: 120, durationMin: 480, productionMH: 20 * 20.1168 }],
    });
    expect(r.status).toBe('contained');
    expect(r.lineLengthM / 20.1168).toBeCloseTo(39.5398496, 5);
    expect(r.finalSizeHa / 0.40468564224).toBeCloseTo(9.4274971, 5);
  });

  it('too little production: the forces are exhausted and the fire escapes, larger than if contained', () => {
    const r = contain({ ...behave, resources: [{ arrivalMin: 120, durationMin: 480, productionChH: 5 }] });
    expect(r.status).toBe('exhausted');
    expect(r.timeSinceReportMin).toBeCloseTo(600, 6);
    expect(r.finalSizeAc).toBeGreaterThan(contain(behave).finalSizeAc);
  });

  it('a rear attack takes longer and ends larger than a head attack with the same forces', () => {
    const head = contain(behave);
    const rear = contain({ ...behave, tactic: 'rear' });
    expect(rear.status).toBe('contained');
    expect(rear.timeSinceReportMin).toBeGreaterThan(head.timeSinceReportMin);
    expect(rear.finalSizeAc).toBeGreaterThan(head.finalSizeAc);
  });
});

const inputs = fc.record({
  reportSizeAc: fc.double({ min: 0.1, max: 20, noNaN: true }),
  reportRateChH: fc.double({ min: 0.5, max: 40, noNaN: true }),
  lengthToWidthRatio: fc.double({ min: 1, max: 6, noNaN: true }),
  tactic: fc.constantFrom<'head' | 'rear'>('head', 'rear'),
  attackDistanceCh: fc.constantFrom(0, 0, 1),
  resources: fc.array(
    fc.record({
      arrivalMin: fc.integer({ min: 0, max: 240 }),
      durationMin: fc.integer({ min: 60, max: 720 }),
      productionChH: fc.double({ min: 1, max: 80, noNaN: true }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

describe('contain invariants', () => {
  it('is never contained while the line is shorter than the perimeter of the area it encloses', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const r = contain(input);
        if (r.status !== 'contained') return;
        // ch and ac: 1 ac = 10 ch².
        expect(r.lineCh).toBeGreaterThanOrEqual(2 * Math.sqrt(Math.PI * 10 * r.finalSizeAc) * (1 - 1e-9));
        // ... nor smaller than the fire was when reported.
        expect(r.finalSizeAc).toBeGreaterThanOrEqual(input.reportSizeAc * (1 - 1e-9));
      }),
      { numRuns: 150, seed: 14 },
    );
  });

  it('more production never leaves a larger fire (direct attack, one resource)', () => {
    fc.assert(
      fc.property(inputs, fc.double({ min: 1.1, max: 3, noNaN: true }), (input, factor) => {
        const one = { ...input, attackDistanceCh: 0, resources: input.resources.slice(0, 1) };
        const base = contain(one);
        const more = contain({ ...one, resources: one.resources.map((r) => ({ ...r, productionChH: r.productionChH * factor })) });
        if (base.status === 'contained') {
          expect(more.status).toBe('contained');
          expect(more.finalSizeAc).toBeLessThanOrEqual(base.finalSizeAc * (1 + 1e-3));
        }
      }),
      { numRuns: 100, seed: 15 },
    );
  });
});
