import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parametersMarkdown } from '../../models/scenario/parameters-doc.js';
import { PARAMETERS } from '../../models/scenario/parameters.js';

describe('generated documentation', () => {
  it('docs/parameters.md matches the PARAMETERS table (run `npm run docs` after changing it)', () => {
    const onDisk = readFileSync(new URL('../../docs/parameters.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(parametersMarkdown());
    for (const name of Object.keys(PARAMETERS)) expect(onDisk).toContain(`\`${name}\``);
  });
});
