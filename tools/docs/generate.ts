/** `npm run docs`: regenerate the generated documentation files. */
import { writeFileSync } from 'node:fs';
import { calcMarkdown } from '../../models/calc/doc.js';
import { parametersMarkdown } from '../../models/scenario/parameters-doc.js';

writeFileSync(new URL('../../docs/parameters.md', import.meta.url), parametersMarkdown());
process.stdout.write('wrote docs/parameters.md\n');
writeFileSync(new URL('../../docs/calc.md', import.meta.url), calcMarkdown());
process.stdout.write('wrote docs/calc.md\n');
