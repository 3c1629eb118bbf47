/**
 * The drill script's layouts, all made from the JSON script (the source of truth):
 *
 * - JSON: the script itself, with number arrays on one line (the samples);
 * - CSV in the columns of HSEEP's master scenario events list (MSEL): inject number, time, scenario time,
 *   sender, receiver, method, message, expected player action, objective, notes (HSEEP 2020, the MSEL:
 *   "a chronological listing that supplements the exercise scenario with event synopses, expected
 *   participant responses, objectives and core capabilities to be addressed, responsible personnel, and
 *   specific injects and methods used to provide them");
 * - Markdown for controllers and evaluators;
 * - the Chinese 演练脚本 (Markdown, printable): 演练概况, 演练目标, 演练脚本 (情景注入 with 预期行动 and
 *   责任单位), 预期行动时间窗, 备用注入, laid out as drill scripts are in the State Council's
 *   《突发事件应急演练指南》(2009) and AQ/T 9007-2019.
 */
import type { DrillScript, ExpectedAction, Inject, Window } from '../schema/drill.js';

/** Pretty JSON whose arrays of numbers stay on one line (thousands of samples would be thousands of lines). */
export function scriptJson(value: unknown): string {
  const walk = (v: unknown, indent: string): string => {
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      if (v.every((x) => typeof x === 'number' || x === null)) return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
      const inner = indent + '  ';
      return `[\n${v.map((x) => inner + walk(x, inner)).join(',\n')}\n${indent}]`;
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v).filter(([, x]) => x !== undefined);
      if (entries.length === 0) return '{}';
      const inner = indent + '  ';
      return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${walk(x, inner)}`).join(',\n')}\n${indent}}`;
    }
    return JSON.stringify(v);
  };
  return `${walk(value, '')}\n`;
}

/** Drill minutes as an elapsed clock, "T+1:05" (hours may pass 24 in an uncompressed drill). */
export function drillClock(min: number | null): string {
  if (min === null || !Number.isFinite(min)) return '-';
  const total = Math.round(min);
  const h = Math.floor(total / 60);
  return `T+${h}:${String(total - h * 60).padStart(2, '0')}`;
}

/** Offset minutes of an ISO instant written with an offset ("+08:00" -> 480; "Z" -> 0). */
function offsetOf(iso: string): number {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (m === null) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The local wall time (in the start's offset) `minutes` after an ISO start: "2020-08-17 05:20". */
export function scenarioClock(startIso: string, minutes: number): string {
  const ms = Date.parse(startIso) + minutes * 60_000 + offsetOf(startIso) * 60_000;
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** The instant `minutes` after an ISO start, as ISO-8601 with the start's offset and seconds (CAP's form). */
export function isoWithOffset(startIso: string, minutes: number): string {
  const off = offsetOf(startIso);
  const local = new Date(Date.parse(startIso) + Math.round(minutes * 60) * 1000 + off * 60_000).toISOString().slice(0, 19);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

const window3 = (w: Window): string => `${drillClock(w.p10)} / ${drillClock(w.p50)} / ${drillClock(w.p90)}`;
const pct = (x: number): string => `${Math.round(x * 100)} %`;

/** A CSV cell (RFC 4180 quoting); text that a spreadsheet would run as a formula gets a leading `'` (OWASP). */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Math.round(v * 100) / 100) : '';
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function expectedText(script: DrillScript, inject: Inject, zh = false): string {
  const byId = new Map(script.expectedActions.map((a) => [a.id, a]));
  return inject.prompts
    .map((id) => {
      const a = byId.get(id);
      if (a === undefined) return id;
      const what = a.name ?? a.type;
      return zh ? `${id} ${what}(${a.ownerZh}，P50 ${drillClock(a.start.p50)})` : `${id} ${what} (${a.owner}; start P10-P90 ${drillClock(a.start.p10)}-${drillClock(a.start.p90)})`;
    })
    .join(zh ? '；' : '; ');
}

function objectivesOf(script: DrillScript, inject: Inject): string {
  const clauses = new Set(inject.prompts.map((id) => script.expectedActions.find((a) => a.id === id)?.clause));
  return script.objectives
    .filter((o) => o.clauses.some((c) => clauses.has(c)))
    .map((o) => `${o.id} ${o.capability}`)
    .join('; ');
}

function stateText(state: Record<string, number>): string {
  return Object.entries(state)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

export const MSEL_COLUMNS = ['inject', 'drill_time', 'drill_min', 'scenario_time', 'from', 'to', 'method', 'message', 'expected_action', 'objective', 'contingency', 'simulated_state'] as const;

/** The MSEL as CSV: one row per inject in time order. */
export function scriptCsv(script: DrillScript): string {
  const rows: string[] = [MSEL_COLUMNS.join(',')];
  for (const i of script.injects) {
    rows.push(
      [
        i.id,
        drillClock(i.t),
        i.t,
        scenarioClock(script.start, i.t * script.compress),
        i.from,
        i.to,
        i.method,
        i.message,
        expectedText(script, i),
        objectivesOf(script, i),
        i.contingency?.use ?? '',
        stateText(i.state),
      ]
        .map((v) => csvCell(v as string | number))
        .join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}

const md = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function header(script: DrillScript): string[] {
  const hours = (script.duration / 60).toFixed(1);
  return [
    `- Scenario: ${script.scenarioTitle} (\`${script.scenario}\`), starting ${script.start}`,
    `- Plan: ${script.planTitle} (\`${script.plan}\`)`,
    `- Simulated: ${script.replications} replications, seed ${String(script.seed)}; main injects follow replication ${script.representative} (nearest the medians)`,
    `- Time: ${script.compress === 1 ? 'real time' : `compressed ${script.compress}:1 (one drill minute is ${script.compress} scenario minutes)`}; the drill lasts ${hours} h; times are drill time from the start (T+h:mm)`,
  ];
}

function actionRow(a: ExpectedAction): string {
  return `| ${a.id} | ${a.clause} | ${md(a.name ?? a.type)} | ${md(a.owner)} | ${pct(a.triggeredShare)} | ${window3(a.start)} | ${window3(a.complete)} | ${a.deadline !== null ? drillClock(a.deadline).replace('T+', '') : '-'} |`;
}

/** The script for controllers and evaluators, in English. */
export function scriptMarkdown(script: DrillScript): string {
  const out: string[] = [`# Drill script: ${script.scenarioTitle}`, '', ...header(script), '', '## Objectives', ''];
  for (const o of script.objectives) out.push(`- **${o.id}** (${o.capability}): ${o.description}`);
  out.push('', '## Master scenario events list', '', '| # | time | scenario time | from | to | method | message | expected action |', '|---|---|---|---|---|---|---|---|');
  for (const i of script.injects.filter((x) => x.contingency === undefined)) {
    out.push(`| ${i.id} | ${drillClock(i.t)} | ${scenarioClock(script.start, i.t * script.compress)} | ${md(i.from)} | ${md(i.to)} | ${i.method} | ${md(i.message)} | ${md(expectedText(script, i))} |`);
  }
  out.push('', '## Expected actions', '', 'Windows are P10 / P50 / P90 over the replications in which the clause started (completion: in which it was completed).', '');
  out.push('| id | clause | action | owner | triggered | start | completion | deadline |', '|---|---|---|---|---|---|---|---|');
  for (const a of script.expectedActions) out.push(actionRow(a));
  const cont = script.injects.filter((x) => x.contingency !== undefined);
  if (cont.length > 0) {
    out.push('', '## Contingency injects', '', 'Use one only if play has not brought its clause about by its time.', '', '| # | time | clause | fired in | message |', '|---|---|---|---|---|');
    for (const i of cont) out.push(`| ${i.id} | ${drillClock(i.t)} | ${i.contingency!.clause} | ${pct(i.contingency!.triggeredShare)} | ${md(i.message)} |`);
  }
  if (script.untriggered.length > 0) out.push('', `Clauses the scenario never triggered (no expected action): ${script.untriggered.join(', ')}.`);
  return `${out.join('\n')}\n`;
}

const METHOD_ZH: Record<string, string> = { phone: '电话', radio: '对讲/电台', fax: '传真', bulletin: '文件通报', report: '书面报告', video: '视频', sim: '导调口述' };

/** The Chinese 演练脚本 (Markdown, printable). */
export function scriptZh(script: DrillScript): string {
  const hours = (script.duration / 60).toFixed(1);
  const out: string[] = [
    `# ${script.scenarioTitle} 应急演练脚本`,
    '',
    '## 一、演练概况',
    '',
    `- 演练情景：${script.scenarioTitle}（${script.scenario}），情景起始时间 ${script.start}`,
    `- 检验预案：${script.planTitle}（${script.plan}）`,
    `- 情景推演：模拟 ${script.replications} 次（随机种子 ${String(script.seed)}），主线注入取第 ${script.representative} 次模拟（最接近中位数）`,
    `- 时间压缩：${script.compress === 1 ? '按实际时间' : `${script.compress}:1（演练1分钟相当于情景${script.compress}分钟）`}，演练时长 ${hours} 小时；表中时间为演练开始后的时间（T+时:分）`,
    '',
    '## 二、演练目标',
    '',
  ];
  script.objectives.forEach((o, k) => out.push(`${k + 1}. ${o.descriptionZh}（${o.capability}）`));
  out.push('', '## 三、演练脚本', '', '| 序号 | 演练时间 | 情景时间 | 发送方 | 接收方 | 方式 | 情景注入内容 | 预期行动 |', '|---|---|---|---|---|---|---|---|');
  for (const i of script.injects.filter((x) => x.contingency === undefined)) {
    out.push(`| ${i.id} | ${drillClock(i.t)} | ${scenarioClock(script.start, i.t * script.compress)} | ${md(i.fromZh)} | ${md(i.toZh)} | ${METHOD_ZH[i.method] ?? i.method} | ${md(i.messageZh)} | ${md(expectedText(script, i, true))} |`);
  }
  out.push('', '## 四、预期行动与时间窗', '', '时间窗为触发该条款的模拟中开始（完成）时间的第10、50、90百分位。', '');
  out.push('| 编号 | 预案条款 | 行动 | 责任单位 | 触发比例 | 开始 P10/P50/P90 | 完成 P10/P50/P90 | 时限 |', '|---|---|---|---|---|---|---|---|');
  for (const a of script.expectedActions) {
    out.push(`| ${a.id} | ${a.clause} | ${md(a.name ?? a.type)} | ${md(a.ownerZh)} | ${pct(a.triggeredShare)} | ${window3(a.start)} | ${window3(a.complete)} | ${a.deadline !== null ? drillClock(a.deadline).replace('T+', '') : '-'} |`);
  }
  const cont = script.injects.filter((x) => x.contingency !== undefined);
  if (cont.length > 0) {
    out.push('', '## 五、备用注入', '', '仅在演练进程未触发相应条款时由导调组使用。', '', '| 序号 | 演练时间 | 条款 | 模拟中触发比例 | 注入内容 |', '|---|---|---|---|---|');
    for (const i of cont) out.push(`| ${i.id} | ${drillClock(i.t)} | ${i.contingency!.clause} | ${pct(i.contingency!.triggeredShare)} | ${md(i.messageZh)} |`);
  }
  if (script.untriggered.length > 0) out.push('', `本情景未触发的条款：${script.untriggered.join('、')}。`);
  out.push('', '---', '', '导调人员：________　　评估人员：________　　日期：________', '');
  return out.join('\n');
}

export const SCRIPT_FORMATS = ['json', 'csv', 'md', 'zh'] as const;
export type ScriptFormat = (typeof SCRIPT_FORMATS)[number];

export function renderScript(script: DrillScript, format: ScriptFormat): string {
  switch (format) {
    case 'json':
      return scriptJson(script);
    case 'csv':
      return scriptCsv(script);
    case 'md':
      return scriptMarkdown(script);
    case 'zh':
      return scriptZh(script);
  }
}
