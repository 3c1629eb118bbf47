/**
 * The public warnings of a drill script as CAP 1.2 alerts (OASIS Common Alerting Protocol Version 1.2,
 * OASIS Standard, 1 July 2010): one `<alert>` per expected action that issues a warning, to be loaded into
 * the warning system's exercise channel. `status` is `Exercise` (CAP 1.2 section 3.2.1: "Actionable only by
 * designated exercise participants") with the exercise named in `<note>`; `sent` is the clause's simulated
 * median start on the scenario's clock, in CAP's dateTime form (offset, no "Z"). Severity and urgency follow
 * the response level that starts the clause: I Extreme/Immediate, II Severe/Immediate, III Moderate/Expected,
 * IV Minor/Expected (the four Chinese warning colours red, orange, yellow, blue). The area is the clause's
 * zones, by name and as geocodes with drillsim's zone ids.
 */
import type { DrillScript, ExpectedAction } from '../schema/drill.js';
import { isoWithOffset } from './formats.js';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

/** CAP 1.2 `category` per hazard kind (section 3.2.2: "Met - Meteorological (inc. flood)"). */
const CATEGORY: Record<string, string> = { flood: 'Met', earthquake: 'Geo', landslide: 'Geo', wildfire: 'Fire', hazchem: 'CBRNE' };

const LEVEL: Record<string, { severity: string; urgency: string; colour: string; colourZh: string }> = {
  I: { severity: 'Extreme', urgency: 'Immediate', colour: 'red', colourZh: '红色' },
  II: { severity: 'Severe', urgency: 'Immediate', colour: 'orange', colourZh: '橙色' },
  III: { severity: 'Moderate', urgency: 'Expected', colour: 'yellow', colourZh: '黄色' },
  IV: { severity: 'Minor', urgency: 'Expected', colour: 'blue', colourZh: '蓝色' },
};

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** CAP identifiers and sender ids may not hold spaces, commas or "<" / "&" (section 3.2.1). */
function token(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** The expected actions of a script that issue a public warning. */
export function warningActions(script: DrillScript): ExpectedAction[] {
  return script.expectedActions.filter((a) => a.warning !== undefined && a.start.p50 !== null);
}

/** One CAP 1.2 alert (an XML document) for a warning expected action of the script. */
export function capAlert(script: DrillScript, action: ExpectedAction): string {
  const w = action.warning!;
  const level = LEVEL[action.level] ?? LEVEL['IV']!;
  const sent = isoWithOffset(script.start, action.start.p50! * script.compress);
  const hazard = script.hazards[0] ?? 'hazard';
  const category = CATEGORY[hazard] ?? 'Other';
  const event = `${hazard[0]!.toUpperCase()}${hazard.slice(1)} warning`;
  const zonesEn = w.zones.map((z) => z.name).join(', ');
  const zonesZh = w.zones.map((z) => z.nameZh).join('、');
  const people = w.zones.reduce((s, z) => s + z.population, 0);
  const note = `Exercise: drill script of ${script.scenario} under ${script.plan} (clause ${action.clause}), seed ${String(script.seed)}, ${script.replications} replications; sent at the simulated median start`;
  const info = (language: string, headline: string, description: string, instruction: string, areaDesc: string): string[] => [
    '  <info>',
    `    <language>${language}</language>`,
    `    <category>${category}</category>`,
    `    <event>${xml(event)}</event>`,
    '    <responseType>Evacuate</responseType>',
    '    <responseType>Prepare</responseType>',
    `    <urgency>${level.urgency}</urgency>`,
    `    <severity>${level.severity}</severity>`,
    '    <certainty>Likely</certainty>',
    `    <senderName>${xml(action.owner)}</senderName>`,
    `    <headline>${xml(headline)}</headline>`,
    `    <description>${xml(description)}</description>`,
    `    <instruction>${xml(instruction)}</instruction>`,
    ...w.channels.map((c) => `    <parameter><valueName>channel</valueName><value>${xml(c)}</value></parameter>`),
    `    <parameter><valueName>planClause</valueName><value>${xml(action.clause)}</value></parameter>`,
    '    <area>',
    `      <areaDesc>${xml(areaDesc)}</areaDesc>`,
    ...w.zones.map((z) => `      <geocode><valueName>drillsim-zone</valueName><value>${xml(z.id)}</value></geocode>`),
    '    </area>',
    '  </info>',
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<alert xmlns="${CAP_NAMESPACE}">`,
    `  <identifier>${token(`drillsim-${script.scenario}-${script.plan}-${action.clause}-${String(script.seed)}`)}</identifier>`,
    `  <sender>${token(`drill.${script.plan}`)}</sender>`,
    `  <sent>${sent}</sent>`,
    '  <status>Exercise</status>',
    '  <msgType>Alert</msgType>',
    '  <scope>Public</scope>',
    `  <note>${xml(note)}</note>`,
    ...info(
      'en-US',
      `${level.colour[0]!.toUpperCase()}${level.colour.slice(1)} ${event.toLowerCase()} for ${w.zones.length} zones`,
      `${script.scenarioTitle}: level ${action.level} response, clause ${action.clause}${action.name !== null ? ` (${action.name})` : ''}. About ${people} people live in the zones warned.`,
      'Move to higher ground or the shelter your community names; follow the instructions of township and village staff.',
      zonesEn,
    ),
    ...info(
      'zh-CN',
      `${level.colourZh}预警：${w.zones.length}个区域`,
      `${script.scenarioTitle}：启动${action.level}级响应，预案第${action.clause}条。预警区域常住人口约${people}人。`,
      '请立即向高处或指定避难场所转移，服从乡镇(街道)和村(社区)工作人员指挥。',
      zonesZh,
    ),
    '</alert>',
    '',
  ].join('\n');
}

/** Every warning of the script as `{ file name, CAP XML }`. */
export function capAlerts(script: DrillScript): Array<{ name: string; xml: string }> {
  return warningActions(script).map((a) => ({ name: `${token(a.clause)}.cap.xml`, xml: capAlert(script, a) }));
}
