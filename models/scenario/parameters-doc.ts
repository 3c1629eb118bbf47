import type { ParameterDist } from '../schema/parameters.js';
import { describeDomain } from './parameter-info.js';
import { PARAMETERS, type ParameterInfo } from './parameters.js';

function describeDist(d: ParameterDist): string {
  switch (d.dist) {
    case 'fixed':
      return `${d.value}`;
    case 'uniform':
      return `uniform(${d.min}, ${d.max})`;
    case 'triangular':
      return `triangular(${d.min}, ${d.mode}, ${d.max})`;
    case 'normal':
      return `normal(${d.mean}, ${d.sd})`;
    case 'lognormal':
      return `lognormal(mean ${d.mean}, sd ${d.sd})`;
    case 'beta':
      return `beta(mean ${d.mean}, sd ${d.sd})`;
  }
}

/** docs/parameters.md, generated from the PARAMETERS table (a test keeps the file in step). */
export function parametersMarkdown(table: Readonly<Record<string, ParameterInfo>> = PARAMETERS): string {
  const lines = [
    '# Model parameters',
    '',
    "<!-- Generated from the module registry (each module's parameter table) by `npm run docs`; do not edit by hand. -->",
    '',
    "Every uncertain input the models read. A scenario's `parameters:` section may give any of them a",
    'distribution (drawn once per replication from its own random stream, `param.<name>`) or pin it with',
    '`{ dist: fixed, value: ... }`; `drillsim sweep` and `drillsim screen` vary them. Where a scenario says',
    'nothing, the default below applies. Where a parameter must stay in a range ("must be >= 0"), validation',
    'refuses a distribution that can draw outside it, at `/parameters/<name>` (truncate a normal with `min`/`max`),',
    'and sweeps refuse values outside it: a replication never fails on a drawn value.',
    '',
    "Parameters marked *(zonal)* may also differ by zone: a scenario's `zoneParameters:` list gives them a",
    'distribution for the zones a selector picks (`zones: { tag, ids }`), drawn once per replication and',
    'entry from its own stream (`param.<name>.zones<i>`), so the city-wide draws stay the same. A later entry',
    'overrides an earlier one for the zones both pick.',
    '',
    '| parameter | default | unit | what it is | source |',
    '|---|---|---|---|---|',
  ];
  for (const [name, p] of Object.entries(table)) {
    const domain = p.domain !== undefined ? `; must be ${describeDomain(p.domain)}` : '';
    lines.push(`| \`${name}\`${p.zonal === true ? ' *(zonal)*' : ''} | ${describeDist(p.default)} | ${p.unit} | ${p.description}${domain} | ${p.source} |`);
  }
  return `${lines.join('\n')}\n`;
}
