/**
 * The substances of the Wutongqiao parks and their toxic endpoints (docs/models/hazchem.md section 5).
 *
 * AEGL values (ppm at 10, 30, 60 min, 4 h, 8 h): US EPA final AEGLs and NRC (2004) Acute Exposure Guideline
 * Levels for Selected Airborne Chemicals vol. 4 (HCl: AEGL-1 1.8 ppm at every duration; AEGL-2 43 ppm at 30 min
 * with n = 1); chlorine as in the EPA final table. Trichlorosilane and silicon tetrachloride act through the
 * HCl they release on hydrolysis (NRC 2012 vol. 11 ch. 3 "Selected Chlorosilanes" derives them from HCl by molar
 * chlorine equivalence): this model treats a chlorosilane release as an HCl source, so their own AEGLs are not
 * needed. Probits Y = a + b ln(sum C^n dt), C in ppm, t in min: chlorine Withers & Lees (1985), J. Hazard.
 * Mater. 12:283 (regular population); HCl and NH3 from CCPS (1989) / Crowl & Louvar (2011) Table 2-5 - estimates
 * until checked against TNO CPR 18E, flagged so in docs/models/hazchem.md.
 */

export type SubstanceId = 'HCl' | 'Cl2' | 'NH3';

/** Durations of the AEGL columns, minutes. */
export const AEGL_DURATIONS_MIN = [10, 30, 60, 240, 480] as const;

export interface Substance {
  id: SubstanceId;
  name: string;
  nameZh: string;
  molarMassGMol: number;
  /** AEGL-1, -2, -3 at the durations of AEGL_DURATIONS_MIN, ppm. */
  aegl: readonly [readonly number[], readonly number[], readonly number[]];
  probit: { a: number; b: number; n: number; source: string };
}

export const SUBSTANCES: Readonly<Record<SubstanceId, Substance>> = {
  HCl: {
    id: 'HCl',
    name: 'hydrogen chloride',
    nameZh: '氯化氢',
    molarMassGMol: 36.461,
    aegl: [
      [1.8, 1.8, 1.8, 1.8, 1.8],
      [100, 43, 22, 11, 11],
      [620, 210, 100, 26, 26],
    ],
    probit: { a: -16.85, b: 2.0, n: 1, source: 'CCPS 1989 / Crowl & Louvar Table 2-5 (estimate until checked against TNO CPR 18E)' },
  },
  Cl2: {
    id: 'Cl2',
    name: 'chlorine',
    nameZh: '氯气',
    molarMassGMol: 70.906,
    aegl: [
      [0.5, 0.5, 0.5, 0.5, 0.5],
      [2.8, 2.8, 2.0, 1.0, 0.71],
      [50, 28, 20, 10, 7.1],
    ],
    probit: { a: -8.29, b: 0.92, n: 2, source: 'Withers & Lees 1985, J. Hazard. Mater. 12:283, regular population' },
  },
  NH3: {
    id: 'NH3',
    name: 'ammonia',
    nameZh: '氨',
    molarMassGMol: 17.031,
    aegl: [
      [30, 30, 30, 30, 30],
      [220, 220, 160, 110, 110],
      [2700, 1600, 1100, 550, 390],
    ],
    probit: { a: -35.9, b: 1.85, n: 2, source: 'CCPS 1989 / Crowl & Louvar Table 2-5 (estimate until checked against TNO CPR 18E)' },
  },
};

/** Hydrolysis yields, kg HCl per kg: SiHCl3 + 2 H2O -> SiO2 + 3 HCl + H2 (3 x 36.461 / 135.452); SiCl4 -> 4 HCl. */
export const HCL_YIELD = { SiHCl3: (3 * 36.461) / 135.452, SiCl4: (4 * 36.461) / 169.9 } as const;

/** Molar volume of an ideal gas at 25 C and 1 atm, L/mol: ppm = mg/m3 x 24.45 / M. */
const MOLAR_VOLUME_L = 24.45;

/** ppm(v) from kg/m3 at 25 C, 1 atm. */
export function ppmFromKgM3(c: number, molarMassGMol: number): number {
  return (c * 1e6 * MOLAR_VOLUME_L) / molarMassGMol;
}

export function kgM3FromPpm(ppm: number, molarMassGMol: number): number {
  return (ppm * molarMassGMol) / (MOLAR_VOLUME_L * 1e6);
}

/** The 60-minute AEGL of each level (the ALOHA default threat-zone levels), ppm. */
export function aegl60(s: Substance, level: 1 | 2 | 3): number {
  return s.aegl[level - 1]![2]!;
}
