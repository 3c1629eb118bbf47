/**
 * The gauges of the Leshan region: sourced warning and guaranteed stages, stage-discharge readings, rating
 * curves fitted to them (or assumed where only one reading exists), and the 2020 peaks, the calibration
 * target of the flood zones. Stages are in each station's own datum.
 */
import type { Gauge, GaugePoint, RatingCurve } from '../../models/hazards/flood/region.js';
import { fitRating, round } from './math.js';
import { fail, type RefNetwork, type RefNode } from './types.js';

/** The stage-discharge readings of a reference station (`stage_discharge_obs`), as gauge points. */
function observations(ref: RefNetwork, id: string): GaugePoint[] {
  const refNode: RefNode = ref.nodes.find((n) => n.id === id) ?? fail(`no reference node ${id}`);
  const raw = refNode['stage_discharge_obs'];
  if (!Array.isArray(raw)) return [];
  return raw.map((o: Record<string, unknown>) => {
    const flow = o['flow_m3s'];
    const p: GaugePoint = { stageM: o['level_m'] as number, src: [String(o['src'])] };
    if (typeof flow === 'number') p.flowM3s = flow;
    else if (typeof flow === 'string') {
      const [lo, hi] = flow.split('-').map(Number);
      p.flowM3s = (lo! + hi!) / 2;
      p.note = `forecast range ${flow} m3/s; midpoint used`;
    }
    const time = o['time'] ?? o['week'];
    if (typeof time === 'string') p.time = time;
    if (o['forecast'] === true) p.forecast = true;
    return p;
  });
}

function ratingFrom(points: GaugePoint[], method: string, opts: { bMin: number; bMax: number }): RatingCurve {
  const fit = fitRating(points.map((p) => [p.stageM, p.flowM3s!] as const), opts);
  return { a: round(fit.a, 4), b: round(fit.b, 4), h0M: round(fit.h0, 3), method, fitPoints: points, estimated: true, src: [...new Set(points.flatMap((p) => p.src)), 'EST'] };
}

/** Stage at flow q on a rating curve, to the centimetre. */
function stageAt(r: RatingCurve, q: number): number {
  return round(r.h0M + (q / r.a) ** (1 / r.b), 2);
}

/**
 * One reading each at Shawan and Ebian: an assumed wide-channel exponent (5/3, Manning) and an assumed
 * flow depth at the reading fix the curve. Pure estimates, kept so a scenario can turn flows into stages.
 */
function assumedRating(p: GaugePoint, depthM: number): RatingCurve {
  const b = 5 / 3;
  const h0 = p.stageM - depthM;
  return {
    a: round(p.flowM3s! / depthM ** b, 4),
    b: round(b, 4),
    h0M: round(h0, 3),
    method: `one sourced reading; exponent assumed 5/3 (wide channel, Manning) and flow depth at the reading assumed ${depthM} m`,
    fitPoints: [p],
    estimated: true,
    src: [...p.src, 'EST'],
  };
}

export interface GaugesBuild {
  gauges: Gauge[];
  /** Estimated 2020 peak stages of the gauges that have no sourced peak stage (from their rating curves). */
  peaks2020: { wutongqiao: number; jiajiang: number; shawan: number; ebian: number };
}

export function buildGauges(ref: RefNetwork): GaugesBuild {
  const obs = (id: string): GaugePoint[] => observations(ref, id);
  const xgzPoints: GaugePoint[] = [
    { stageM: 363.15, flowM3s: 23900, time: '2020-08-17', src: ['H1'], note: 'peak of the 15-17 August round, largest since 1995' },
    { stageM: 365.17, flowM3s: 32000, time: '2020-08-18T19:00+08:00', src: ['S11'], note: 'reported at peak' },
  ];
  const xgzRating = ratingFrom(xgzPoints, 'power law through two sourced readings with the exponent fixed at b = 2 (two points cannot fix three parameters)', { bMin: 2, bMax: 2 });
  const wtqObs = obs('st_wutongqiao');
  const wtqRating = ratingFrom(wtqObs, 'least squares in log space over the four sourced readings (two of them forecasts), exponent bounded to 1.5-2.5, typical of natural sections (ISO 1100-2)', { bMin: 1.5, bMax: 2.5 });
  const jjObs = obs('st_jiajiang');
  const jjRating = ratingFrom(jjObs, 'least squares in log space over the three sourced readings, exponent bounded to 1.5-2.5, typical of natural sections (ISO 1100-2)', { bMin: 1.5, bMax: 2.5 });
  const shawanObs = obs('st_shawan');
  const shawanRating = assumedRating(shawanObs[0]!, 6);
  const ebianPoint: GaugePoint = { stageM: 537.42, flowM3s: 7020, time: '2010-07-17', src: ['S18'], note: '~20-year flood' };
  const ebianRating = assumedRating(ebianPoint, 8);

  const wtqPeak = stageAt(wtqRating, 38000);
  const jjPeak = stageAt(jjRating, 18100);
  const shawanPeak = stageAt(shawanRating, 6500);
  const ebianPeak = stageAt(ebianRating, 6000);
  const gauges: Gauge[] = [
    {
      id: 'xiaogongzui',
      name: 'Xiaogongzui (three-river confluence)',
      name_zh: '肖公嘴水文站(三江汇合)',
      river: 'min',
      node: 'st_xiaogongzui',
      warningStageM: 361.0,
      guaranteedStageM: 362.6,
      rating: xgzRating,
      observations: xgzPoints,
      events: [
        { id: '2020-08-17', time: '2020-08-17', peakStageM: 363.15, peakFlowM3s: 23900, estimated: false, src: ['H1'], note: 'first peak; dike overtopped by 0.2-0.6 m' },
        { id: '2020-08-18', time: '2020-08-18T19:00+08:00', peakStageM: 365.17, peakFlowM3s: 32000, estimated: false, src: ['S11'], note: 'record peak; Giant Buddha flooded to the toes; falling after 20:00' },
      ],
      estimated: true,
      estimatedFields: ['warningStageM', 'guaranteedStageM', 'rating'],
      src: ['S11', 'S12', 'H1', 'EST'],
      note: 'warning and guaranteed levels not found [gap]: guaranteed taken as the dike crest implied by the 17 August overtopping (363.15 m - 0.55 m), warning 1.6 m below it',
    },
    {
      id: 'wutongqiao',
      name: 'Wutongqiao hydrological station (Min)',
      name_zh: '五通桥水文站(岷江)',
      river: 'min',
      node: 'st_wutongqiao',
      warningStageM: 340.7,
      guaranteedStageM: 343.0,
      rating: wtqRating,
      observations: wtqObs,
      events: [
        { id: '2020-08-17', time: '2020-08-17', peakStageM: stageAt(wtqRating, 20000), peakFlowM3s: 20000, estimated: true, estimatedFields: ['peakStageM'], src: ['S34', 'EST'], note: 'flow above 20,000 m3/s on the 17th [S34]; stage from the rating' },
        { id: '2020-08-18', time: '2020-08-18T14:00+08:00', peakStageM: wtqPeak, peakFlowM3s: 38000, estimated: true, estimatedFields: ['peakStageM'], src: ['S10', 'EST'], note: 'peak flow 38,000 m3/s at 14:00 [S10]; stage from the fitted rating' },
      ],
      estimated: true,
      estimatedFields: ['guaranteedStageM', 'rating'],
      src: ['S10', 'S12', 'S14', 'S16', 'S34', 'EST'],
      note: 'warning 340.70 m [S14]; 19,000 m3/s makes a numbered flood [S14]; guaranteed level not found [gap], estimated 2.3 m above warning',
    },
    {
      id: 'jiajiang',
      name: 'Jiajiang hydrological station (Qingyi)',
      name_zh: '夹江水文站(青衣江)',
      river: 'qingyi',
      node: 'st_jiajiang',
      warningStageM: 412.0,
      guaranteedStageM: 414.0,
      rating: jjRating,
      observations: jjObs,
      events: [
        { id: '2020-08-18', time: '2020-08-18', peakStageM: jjPeak, peakFlowM3s: 18100, estimated: true, estimatedFields: ['peakStageM', 'time'], src: ['S10', 'S11', 'EST'], note: 'record flow 18,100 m3/s [S10], before the Min peak; falling by the evening [S11]; stage from the fitted rating' },
      ],
      estimated: true,
      estimatedFields: ['guaranteedStageM', 'rating'],
      src: ['S10', 'S11', 'S14', 'S15', 'S16', 'EST'],
      note: 'warning 412.00 m [S15]; guaranteed level not found [gap], estimated 2 m above warning',
    },
    {
      id: 'tongjiang',
      name: 'Tongjiang gauge (lower Qingyi)',
      name_zh: '通江站(青衣江)',
      river: 'qingyi',
      node: 'st_tongjiang',
      warningStageM: 363.5,
      guaranteedStageM: 365.0,
      observations: [{ stageM: 366.0, flowM3s: 11000, time: '2020-08-18T19:00+08:00', forecast: true, src: ['S11'], note: 'forecast peak "around 366.00 m" at about 19:00' }],
      events: [{ id: '2020-08-18', time: '2020-08-18T19:00+08:00', peakStageM: 366.0, peakFlowM3s: 11000, estimated: false, src: ['S11'] }],
      estimated: true,
      estimatedFields: ['warningStageM', 'guaranteedStageM'],
      src: ['S11', 'EST'],
      note: 'thresholds not found [gap]; set below the 2020 peak so that the lower Qingyi bands flood as they did',
    },
    {
      id: 'shawan',
      name: 'Shawan hydrological station (Dadu)',
      name_zh: '沙湾水文站(大渡河)',
      river: 'dadu',
      node: 'st_shawan',
      warningStageM: 404.0,
      guaranteedStageM: 406.0,
      rating: shawanRating,
      observations: shawanObs,
      events: [
        { id: '2020-08-18', time: '2020-08-18', peakStageM: shawanPeak, peakFlowM3s: 6500, estimated: true, estimatedFields: ['peakStageM', 'peakFlowM3s'], src: ['S11', 'EST'], note: 'forecast 4,500-6,500 m3/s, "medium-high" water [S11]; upper value and the assumed rating' },
      ],
      estimated: true,
      estimatedFields: ['warningStageM', 'guaranteedStageM', 'rating'],
      src: ['S11', 'S16', 'EST'],
      note: 'no threshold found [S16 lists the station only]; warning set near 8,000 m3/s on the assumed rating',
    },
    {
      id: 'ebian',
      name: 'Ebian gauge (Dadu)',
      name_zh: '峨边水文站(大渡河)',
      river: 'dadu',
      node: 'st_ebian',
      warningStageM: 535.5,
      guaranteedStageM: 537.0,
      rating: ebianRating,
      observations: [ebianPoint],
      events: [
        { id: '2010-07-17', time: '2010-07-17', peakStageM: 537.42, peakFlowM3s: 7020, estimated: false, src: ['S18'], note: '~20-year flood, 0.42 m above guaranteed' },
        { id: '2020-08-18', time: '2020-08-18', peakStageM: ebianPeak, peakFlowM3s: 6000, estimated: true, src: ['S11', 'EST'], note: 'no Ebian reading found; Dadu flows stayed moderate (Shawan 4,500-6,500 m3/s forecast [S11])' },
      ],
      estimated: true,
      estimatedFields: ['warningStageM', 'rating'],
      src: ['S18', 'EST'],
      note: 'guaranteed 537.00 m [S18]; warning not found, estimated 1.5 m below',
    },
    {
      id: 'laojiangba',
      name: 'Laojiangba (Dujiachang) gauge (Min above the city)',
      name_zh: '老江坝(杜家场)水位站(岷江)',
      river: 'min',
      node: 'st_laojiangba',
      warningStageM: 358.5,
      guaranteedStageM: 360.5,
      observations: [{ stageM: 357.8, time: '2021-07-15T10:10+08:00', src: ['S15'], note: '0.70 m below warning, rising' }],
      events: [],
      estimated: true,
      estimatedFields: ['guaranteedStageM'],
      src: ['S15', 'EST'],
      note: 'warning 358.50 m [S15]; no 2020 reading found; no zone uses it (upstream Min zones use the confluence stage)',
    },
    {
      id: 'suji',
      name: 'Suji gauge (Emei River)',
      name_zh: '苏稽水文站(峨眉河)',
      river: 'emei',
      node: 'st_suji',
      warningStageM: 374.5,
      guaranteedStageM: 376.0,
      observations: [],
      events: [],
      estimated: true,
      estimatedFields: ['guaranteedStageM'],
      src: ['S17', 'EST'],
      note: 'warning 374.50 m [S17]; no zone uses it',
    },
  ];
  return { gauges, peaks2020: { wutongqiao: wtqPeak, jiajiang: jjPeak, shawan: shawanPeak, ebian: ebianPeak } };
}
