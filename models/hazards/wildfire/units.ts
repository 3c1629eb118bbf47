/**
 * Conversions between behave's US customary base units and SI, from the definitions (international foot
 * 0.3048 m, international table BTU 1055.05585262 J, chain 66 ft, acre 43,560 ft²). Behave's own table
 * (behaveUnits.cpp) uses slightly different factors for a few heat units (e.g. 3.464140419 kW/m per BTU/ft/s
 * where the definition gives 3.46141); drillsim uses the definitions, and the checks against behave are made
 * in US units where no conversion enters.
 */
export const M_PER_FT = 0.3048;
export const FT_PER_MIN_PER_KMH = 1000 / M_PER_FT / 60;
export const FT_PER_MIN_PER_MPH = 88;
export const M_PER_CHAIN = 66 * M_PER_FT;
export const HA_PER_ACRE = (43560 * M_PER_FT * M_PER_FT) / 10_000;
export const M2_PER_FT2 = M_PER_FT * M_PER_FT;
const J_PER_BTU = 1055.05585262;
/** BTU/ft/s to kW/m (fireline intensity). */
export const KW_M_PER_BTU_FT_S = J_PER_BTU / M_PER_FT / 1000;
/** BTU/ft²/min to kW/m² (reaction intensity). */
export const KW_M2_PER_BTU_FT2_MIN = J_PER_BTU / M2_PER_FT2 / 60 / 1000;
/** BTU/ft² to kJ/m² (heat per unit area). */
export const KJ_M2_PER_BTU_FT2 = J_PER_BTU / M2_PER_FT2 / 1000;

/** m/min to ch/h. */
export function chainsPerHour(mPerMin: number): number {
  return (mPerMin * 60) / M_PER_CHAIN;
}
