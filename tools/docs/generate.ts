/** `npm run docs`: regenerate the generated documentation files. */
import { writeFileSync } from 'node:fs';
import { parametersMarkdown } from '../../models/scenario/parameters-doc.js';

writeFileSync(new URL('../../docs/parameters.md', import.meta.url), parametersMarkdown());
process.stdout.write('wrote docs/parameters.md\n');
