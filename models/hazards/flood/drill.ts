/**
 * The flood's part in drill scripts (models/drill): which of its events a drill director injects and how
 * each is told (a hydrology station's report of a stage past its warning or guaranteed level, field reports
 * of flooded zones, a failed dike, a flooded plant, casualties), what an inject reports of the flood's state
 * (the stage at every gauge), and how its triggers are told when the command acts on them (the observed or
 * forecast stage against the plan's threshold). Senders follow the municipal command pattern: hydrology
 * stations report to the city flood-control HQ office (市防汛抗旱指挥部办公室), townships and counties report
 * field situations to it.
 */
import type { DrillParts, InjectText } from '../../modules/types.js';
import type { World } from '../../world/world.js';
import { FLOOD } from './triggers.js';

export const CITY_HQ = { en: 'city flood-control HQ office', zh: '市防汛抗旱指挥部办公室' } as const;

const m2 = (x: number): string => x.toFixed(2);

function gaugeNames(world: World, id: string): { en: string; zh: string } {
  const g = world.scenario.region.assets.gauges.find((x) => x.id === id);
  return { en: g?.name ?? id, zh: g?.name_zh ?? g?.name ?? id };
}

function zoneNames(world: World, id: string): { en: string; zh: string; county: string } {
  const i = world.scenario.zoneIndex.get(id);
  const z = i !== undefined ? world.scenario.region.zones.zones[i] : undefined;
  return { en: z?.name ?? id, zh: z?.name_zh ?? z?.name ?? id, county: z?.county ?? '' };
}

function facilityNames(world: World, id: string): { en: string; zh: string; chemical: boolean } {
  const f = world.scenario.region.assets.facilities.find((x) => x.id === id);
  return { en: f?.name ?? id, zh: f?.name_zh ?? f?.name ?? id, chemical: f?.kind === 'chemical-plant' };
}

function hydrology(world: World, gauge: string): { from: string; fromZh: string } {
  const n = gaugeNames(world, gauge);
  return { from: `hydrology station ${n.en}`, fromZh: n.zh };
}

/** A stage observed at `seen` told as the hydrology station's report. */
export function tellStage(world: World, gauge: string, seen: number, thresholdM: number, above: boolean): InjectText {
  const stage = world.find(FLOOD)?.stageAt(gauge, seen) ?? NaN;
  const n = gaugeNames(world, gauge);
  return {
    ...hydrology(world, gauge),
    to: CITY_HQ.en,
    toZh: CITY_HQ.zh,
    method: 'phone',
    message: `${n.en}: stage ${m2(stage)} m, ${above ? 'above' : 'below'} ${m2(thresholdM)} m`,
    messageZh: `${n.zh}：实测水位${m2(stage)}米，${above ? '超过' : '低于'}${m2(thresholdM)}米`,
  };
}

/** A forecast issued by `seen` told as the hydrology bureau's forecast bulletin. */
export function tellForecast(world: World, gauge: string, seen: number, leadMin: number, thresholdM: number): InjectText {
  const forecast = world.find(FLOOD)?.forecast(gauge, seen, leadMin) ?? NaN;
  const n = gaugeNames(world, gauge);
  const h = leadMin / 60;
  const lead = Number.isInteger(h) ? `${h} h` : `${Math.round(leadMin)} min`;
  const leadZh = Number.isInteger(h) ? `${h}小时` : `${Math.round(leadMin)}分钟`;
  return {
    from: 'city hydrology bureau',
    fromZh: '市水文局',
    to: CITY_HQ.en,
    toZh: CITY_HQ.zh,
    method: 'bulletin',
    message: `Forecast: ${n.en} at ${m2(forecast)} m in ${lead} (plan threshold ${m2(thresholdM)} m)`,
    messageZh: `水情预报：${n.zh}预计${leadZh}后水位${m2(forecast)}米(预案启动条件${m2(thresholdM)}米)`,
  };
}

export const FLOOD_DRILL: DrillParts = {
  injects: {
    'gauge.crossed': (e, world) => {
      const n = gaugeNames(world, e.gauge);
      const what = e.level === 'guaranteed' ? 'guaranteed' : 'warning';
      return {
        group: `gauge:${e.gauge}:${e.level}`,
        ...hydrology(world, e.gauge),
        to: CITY_HQ.en,
    toZh: CITY_HQ.zh,
        method: 'phone',
        message: `${n.en} has passed its ${what} stage (${m2(e.stageM)} m) and is rising`,
        messageZh: `${n.zh}水位超过${e.level === 'guaranteed' ? '保证' : '警戒'}水位(${m2(e.stageM)}米)，仍在上涨`,
      };
    },
    'zone.flooded': (e, world) => {
      const z = zoneNames(world, e.zone);
      return {
        group: 'field-reports',
        from: 'township and county flood-control offices',
        fromZh: '乡镇(街道)及县级防汛办',
        to: CITY_HQ.en,
    toZh: CITY_HQ.zh,
        method: 'phone',
        message: `${z.en} (${z.county}) is flooding, up to ${m2(e.peakDepthM)} m expected`,
        messageZh: `${z.zh}进水，预计最大水深${m2(e.peakDepthM)}米`,
      };
    },
    'dike.failed': (e, world) => {
      const z = zoneNames(world, e.zone);
      const how = e.mode === 'breach' ? 'breached' : 'overtopped';
      return {
        group: `dike:${e.zone}`,
        from: 'dike patrol',
        fromZh: '巡堤查险人员',
        to: CITY_HQ.en,
    toZh: CITY_HQ.zh,
        method: 'radio',
        message: `The dike of ${z.en} has ${how} at ${m2(e.stageM)} m; ${e.exposed} people are still inside`,
        messageZh: `${z.zh}堤防${e.mode === 'breach' ? '决口' : '漫顶'}(水位${m2(e.stageM)}米)，区内尚有${e.exposed}人`,
      };
    },
    'facility.flooded': (e, world) => {
      const f = facilityNames(world, e.facility);
      return {
        group: `facility:${e.facility}`,
        from: f.chemical ? 'plant duty officer' : 'site duty officer',
        fromZh: f.chemical ? '企业值班人员' : '现场值班人员',
        to: CITY_HQ.en,
    toZh: CITY_HQ.zh,
        method: 'phone',
        message: f.chemical ? `${f.en} is flooded: check for a chemical release` : `${f.en} is flooded`,
        messageZh: f.chemical ? `${f.zh}厂区进水，需排查危险化学品泄漏` : `${f.zh}进水`,
      };
    },
    'zone.casualties': (e, world) => {
      if (e.deaths + e.injured === 0) return null;
      const z = zoneNames(world, e.zone);
      return {
        group: 'casualties',
        from: 'township and county flood-control offices',
        fromZh: '乡镇(街道)及县级防汛办',
        to: CITY_HQ.en,
    toZh: CITY_HQ.zh,
        method: 'phone',
        message: `${z.en}: ${e.deaths} dead, ${e.injured} injured in the flood water`,
        messageZh: `${z.zh}：洪水造成${e.deaths}人死亡、${e.injured}人受伤`,
      };
    },
  },
  state(world, t) {
    const flood = world.find(FLOOD);
    const out: Record<string, number> = {};
    if (flood === undefined) return out;
    for (const id of flood.hydrographs.keys()) {
      const s = flood.stageAt(id, t);
      if (s !== null) out[`gauge.${id}.stageM`] = Math.round(s * 100) / 100;
    }
    return out;
  },
};
