import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CALC_MODELS } from '../../models/calc/index.js';
import { calcMarkdown } from '../../models/calc/doc.js';
import { parametersMarkdown } from '../../models/scenario/parameters-doc.js';
import { PARAMETERS } from '../../models/scenario/parameters.js';

describe('generated documentation', () => {
  it('docs/parameters.md matches the PARAMETERS table (run `npm run docs` after changing it)', () => {
    const onDisk = readFileSync(new URL('../../docs/parameters.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(parametersMarkdown());
    for (const name of Object.keys(PARAMETERS)) expect(onDisk).toContain(`\`${name}\``);
  });

  it('docs/calc.md matches the calculator models (run `npm run docs` after changing them)', () => {
    const onDisk = readFileSync(new URL('../../docs/calc.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(calcMarkdown());
    for (const m of CALC_MODELS) expect(onDisk).toContain(`## \`${m.name}\``);
  });
});
