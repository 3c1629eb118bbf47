/**
 * The chemical release's part in drill scripts (models/drill): the plant reports the release with the weather,
 * the hazchem team reports the leak stopped, townships report people exposed; the plan's release trigger is
 * told as the plant's report. Senders follow the municipal pattern: the plant and the on-scene team report to
 * the hazardous-chemicals response HQ (危险化学品事故应急指挥部).
 */
import type { DrillParts, InjectText } from '../../modules/types.js';
import type { World } from '../../world/world.js';

const HQ = { en: 'hazardous-chemicals response HQ', zh: '危险化学品事故应急指挥部' } as const;

function facilityName(world: World, id: string): { en: string; zh: string } {
  const f = world.scenario.region.assets.facilities.find((x) => x.id === id);
  return { en: f?.name ?? id, zh: f?.name_zh ?? f?.name ?? id };
}

function zoneName(world: World, id: string): { en: string; zh: string } {
  const i = world.scenario.zoneIndex.get(id);
  const z = i !== undefined ? world.scenario.region.zones.zones[i] : undefined;
  return { en: z?.name ?? id, zh: z?.name_zh ?? z?.name ?? id };
}

/** The release told as the plant's first report (what the plan's `hazchemReleased` trigger acts on). */
export function tellRelease(world: World, facility: string, substance: string, rateKgS: number, stability: string, windMs: number, fromDeg: number): InjectText {
  const f = facilityName(world, facility);
  return {
    from: f.en,
    fromZh: f.zh,
    to: HQ.en,
    toZh: HQ.zh,
    method: 'phone',
    message: `${f.en}: ${substance} release, about ${rateKgS.toFixed(2)} kg/s; wind ${windMs.toFixed(1)} m/s from ${Math.round(fromDeg)} deg, stability ${stability}`,
    messageZh: `${f.zh}：${substance}泄漏，约${rateKgS.toFixed(2)}千克/秒；风速${windMs.toFixed(1)}米/秒，风向${Math.round(fromDeg)}度，稳定度${stability}`,
  };
}

export const HAZCHEM_DRILL: DrillParts = {
  injects: {
    'hazchem.released': (e, world) => ({ group: `hazchem.released:${e.release}`, ...tellRelease(world, e.facility, e.substance, e.rateKgS, e.stability, e.windMs, e.windFromDeg) }),
    'hazchem.stopped': (e, world) => {
      const f = facilityName(world, e.facility);
      const how = e.reason === 'plugged' ? 'leak stopped by the hazchem team' : 'inventory exhausted';
      const howZh = e.reason === 'plugged' ? '危化品救援队已堵漏' : '泄漏物料已耗尽';
      return {
        group: `hazchem.stopped:${e.release}`,
        from: e.reason === 'plugged' ? 'hazchem team on scene' : f.en,
        fromZh: e.reason === 'plugged' ? '现场危化品救援队' : f.zh,
        to: HQ.en,
        toZh: HQ.zh,
        method: 'radio',
        message: `${f.en}: ${how}; ${Math.round(e.releasedKg)} kg released`,
        messageZh: `${f.zh}：${howZh}；累计泄漏${Math.round(e.releasedKg)}千克`,
      };
    },
    'hazchem.exposed': (e, world) => {
      if (e.aboveAegl2 <= 0 && e.deaths <= 0) return null;
      const z = zoneName(world, e.zone);
      return {
        group: 'hazchem.exposed',
        from: 'township government',
        fromZh: '乡镇人民政府',
        to: HQ.en,
        toZh: HQ.zh,
        method: 'phone',
        message: `${z.en}: ${e.aboveAegl2} people with irritation or worse (peak ${e.peakPpm.toFixed(0)} ppm), ${e.deaths} dead`,
        messageZh: `${z.zh}：${e.aboveAegl2}人出现刺激症状或更重（峰值${e.peakPpm.toFixed(0)} ppm），死亡${e.deaths}人`,
      };
    },
  },
  objective: {
    description: 'Stop the leak, and tell the people of the threat zone to shelter or leave in time',
    descriptionZh: '及时堵漏，并按威胁区域组织群众就地避险或疏散',
    capability: 'Environmental Response/Health and Safety',
  },
};
