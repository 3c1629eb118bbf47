/**
 * English and Chinese, switchable at any time (the choice is kept in localStorage). One table: each key
 * with its two texts side by side, so a missing translation is visible where the key is written.
 */
const TEXTS = {
  title: ['drillsim', 'drillsim 应急演练推演'],
  skip: ['Skip to content', '跳到正文'],
  language: ['中文', 'English'],
  languageLabel: ['Switch to Chinese', '切换到英文'],
  token: ['Token', '令牌'],
  tokenHelp: ['API token (only needed when the server requires one)', 'API 令牌(仅当服务器要求时需要)'],
  navDocuments: ['Scenarios and plans', '情景与预案'],
  navRuns: ['Runs', '推演批次'],
  navMap: ['Map replay', '地图回放'],
  navDrill: ['Drill desk', '演练导调台'],
  scenarios: ['Scenarios', '情景'],
  plans: ['Plans', '预案'],
  builtin: ['built in', '内置'],
  version: ['version', '版本'],
  open: ['Open', '打开'],
  newDoc: ['New', '新建'],
  validate: ['Validate', '校验'],
  saveVersion: ['Save as new version', '保存为新版本'],
  saveAs: ['Save under id', '保存为 id'],
  valid: ['Valid: no errors', '校验通过,没有错误'],
  errorsFound: ['errors', '个错误'],
  line: ['line', '行'],
  saved: ['Saved as version', '已保存为版本'],
  readOnlyBuiltin: ['Built-in documents are read-only: save under a new id.', '内置文档只读:请用新 id 保存。'],
  checkAgainst: ['Check against scenario', '对照情景校验'],
  scenario: ['Scenario', '情景'],
  plan: ['Plan', '预案'],
  planDefault: ["(the scenario's plan)", '(情景默认预案)'],
  replications: ['Replications', '重复次数'],
  planB: ['Compare with plan B', '对比预案 B'],
  comparison: ['Plan A against plan B', '预案 A 与 B 对比'],
  pBBetter: ['P(B better)', 'B 更优概率'],
  precision: ['or stop when the 95 % half-width of', '或当 95% 置信半宽'],
  precisionMetric: ['metric', '指标'],
  precisionWidth: ['is at most', '不超过'],
  seed: ['Seed', '随机种子'],
  workers: ['Workers', '并行线程'],
  start: ['Start batch', '开始推演'],
  cancel: ['Cancel', '取消'],
  progress: ['Progress', '进度'],
  status: ['Status', '状态'],
  batches: ['Recent batches', '最近的批次'],
  scorecard: ['Scorecard', '评分卡'],
  metrics: ['Metrics', '指标'],
  metric: ['Metric', '指标'],
  mean: ['Mean', '均值'],
  ci95: ['95 % interval', '95% 区间'],
  p05: ['5th pct', '5%分位'],
  p50: ['Median', '中位数'],
  p95: ['95th pct', '95%分位'],
  targets: ['Targets', '目标'],
  target: ['Target', '目标'],
  pMet: ['P(met)', '达成概率'],
  verdict: ['Verdict', '结论'],
  levels: ['Response levels', '响应级别'],
  level: ['Level', '级别'],
  declaredIn: ['Declared in', '启动比例'],
  clauses: ['Clause timing', '条款时间'],
  clause: ['Clause', '条款'],
  started: ['Start p10 / p50 / p90', '开始 p10 / p50 / p90'],
  completed: ['Completed', '完成'],
  onTime: ['P(on time)', '按时概率'],
  breakdown: ['Breakdown', '分项统计'],
  downloadCsv: ['Download CSV', '下载 CSV'],
  downloadJson: ['Download JSON', '下载 JSON'],
  charts: ['Charts', '图表'],
  chartUnavailable: ['not available', '不可用'],
  replay: ['Replay on the map', '在地图上回放'],
  batch: ['Batch', '批次'],
  replication: ['Replication', '第几次重复'],
  load: ['Load', '载入'],
  time: ['Time', '时间'],
  play: ['Play', '播放'],
  pause: ['Pause', '暂停'],
  speed: ['Speed', '速度'],
  legendRoads: ['Roads by class', '道路(按等级)'],
  legendZones: ['Zones (flooded / cut off / shaken)', '片区(淹没/受困/震损)'],
  legendShelters: ['Shelters (fill)', '避难场所(入住)'],
  legendReserves: ['Reserves', '物资储备库'],
  legendTeams: ['Teams', '救援队伍'],
  legendClosed: ['Closed roads', '封闭道路'],
  stateAt: ['State at', '时刻状态'],
  teamsMoving: ['teams on the move', '支队伍在途'],
  zonesHit: ['zones hit', '个片区受灾'],
  roadsClosed: ['roads closed', '条道路封闭'],
  sheltered: ['people in shelters', '人在避难场所'],
  pickBatch: ['Start a batch, or pick one from the list.', '开始一个批次,或从列表中选择。'],
  noBatch: ['Start a batch on the Runs page first.', '请先在"推演批次"页开始推演。'],
  drillCreate: ['Make the drill script', '生成演练脚本'],
  compress: ['Scenario minutes per drill minute', '情景分钟/演练分钟'],
  drills: ['Drills', '演练'],
  timeline: ['Script timeline', '脚本时间线'],
  clock: ['Drill clock', '演练时钟'],
  reset: ['Reset', '重置'],
  record: ['Record action', '记录行动'],
  action: ['Action', '行动'],
  by: ['By', '执行人'],
  notes: ['Notes', '备注'],
  at: ['At (drill min)', '时间(演练分钟)'],
  log: ['Drill log', '演练记录'],
  evaluate: ['End drill and evaluate', '结束演练并评估'],
  evaluation: ['Evaluation', '评估'],
  report: ['After-action report', '总结评估报告'],
  injects: ['Injects', '情景注入'],
  expected: ['Expected actions', '预期行动'],
  window: ['Window p10–p90', '时间窗 p10–p90'],
  due: ['due', '到点'],
  remove: ['Remove', '删除'],
  nothing: ['Nothing yet.', '暂无。'],
  error: ['Error', '错误'],
  loading: ['Loading…', '加载中…'],
  waiting: ['waiting', '等待'],
} as const;

export type TextKey = keyof typeof TEXTS;
export type Lang = 'en' | 'zh';

const KEY = 'drillsim.lang';
let lang: Lang = (localStorage.getItem(KEY) as Lang | null) ?? (navigator.language.startsWith('zh') ? 'zh' : 'en');

export function currentLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  lang = next;
  localStorage.setItem(KEY, next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}

export function t(key: TextKey): string {
  return TEXTS[key][lang === 'zh' ? 1 : 0];
}

/** A name in the current language when the record has a Chinese one. */
export function nameOf(x: { name?: string; name_zh?: string; nameZh?: string; id: string }): string {
  return lang === 'zh' ? (x.name_zh ?? x.nameZh ?? x.name ?? x.id) : (x.name ?? x.id);
}

/** Words the API answers with (batch states, verdicts), shown in Chinese when Chinese is chosen. */
const WORDS_ZH: Record<string, string> = {
  queued: '排队中',
  running: '运行中',
  done: '完成',
  failed: '失败',
  cancelled: '已取消',
  met: '达成',
  'not met': '未达成',
  uncertain: '不确定',
  'not judged': '未判定',
  early: '提前',
  'on-time': '按时',
  late: '迟到',
  missed: '遗漏',
};

export function word(w: string): string {
  return lang === 'zh' ? (WORDS_ZH[w] ?? w) : w;
}
