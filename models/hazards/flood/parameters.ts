import { fixed, type ParameterInfo } from '../../scenario/parameter-info.js';

/** The flood's rows of the parameter table (docs/parameters.md). */
export const FLOOD_PARAMETERS = {
  'flood.peakFactor': {
    default: fixed(1),
    unit: '-',
    description: 'multiplies every peak height above the base stage (same storm for all gauges)',
    source: 'scenario uncertainty; 1 = as recorded',
    // A negative factor would turn peaks into troughs below the base stage: the hydrograph refuses it.
    domain: { min: 0 },
  },
  'flood.timingShiftH': {
    default: fixed(0),
    unit: 'h',
    description: 'moves every peak in time',
    source: 'scenario uncertainty',
  },
  // Forecast skill that decays with lead (docs/models/flood.md section 5): sd(L) = sd0 (1 + L / doubling lead),
  // so sd0 = 0.1 m and a doubling lead of 2 h give 0.3 m at 4 h, 0.4 m at 6 h and 0.7 m at 12 h.
  'flood.forecastErrorSdM': {
    default: fixed(0.1),
    unit: 'm',
    description: 'sd of the stage forecast error at zero lead; it grows linearly with lead (0 = perfect forecasts)',
    domain: { min: 0 },
    source:
      'GB/T 22482-2008 (水文情报预报规范) floor of the permissible stage error, 0.10 m; NWS national river stage verification 2001-2003: MAE from 0.2 ft at short leads (Carter 2003, NOAA Science Advisory Board)',
  },
  'flood.forecastErrorDoublingLeadH': {
    default: fixed(2),
    unit: 'h',
    description: 'lead at which the forecast error sd is twice its zero-lead value: sd(L) = sd0 (1 + L / this)',
    domain: { min: 0, exclusive: true },
    source:
      'GB/T 22482-2008: permissible error 20 % of the observed change within the lead; a scheme fit for official forecasts (grade B) has 70 % of forecasts within it, sd about 0.19 of the change; at the 2020 Leshan rises of about 0.3 m/h that is 0.7 m at 12 h. Checked against the 2020 Wutongqiao forecast, 344.5 m vs about 344.9 m at about 6 h (docs/models/flood.md sections 1, 5)',
  },
  'flood.forecastIntervalH': {
    default: fixed(1),
    unit: 'h',
    description: 'time between two forecast issues of a gauge; the plan reads the latest issue',
    domain: { min: 0, exclusive: true },
    source: 'estimate: hourly rolling forecasts (滚动预报) at key stations during a flood emergency',
  },
  'flood.forecastIssueCorrelation': {
    default: fixed(0.9),
    unit: '-',
    description: 'correlation of the standardised errors of two forecast issues one hour apart (AR(1) over issues)',
    domain: { min: 0, max: 1 },
    source:
      'estimate: consecutive runs share the model state and the rainfall forecast; past errors persist enough to predict the next (Hoss & Fischbeck 2015, HESS 19:3969)',
  },
  // Dikes (docs/models/flood.md section 9).
  'flood.breachFillH': {
    default: { dist: 'triangular', min: 0.5, mode: 1, max: 3 },
    unit: 'h',
    description: 'time for a zone behind a failed dike to fill from its ground to the river level (sets the rise rate for Jonkman)',
    source:
      'estimate: small riverside polders of 1-3 km fill within hours through a breach; Jonkman (2007) classes a rise of 0.5 m/h or more as rapidly rising, which a 2 m fill in 1-3 h gives',
  },
  'flood.breachZoneShare': {
    default: { dist: 'uniform', min: 0.02, max: 0.08 },
    unit: 'share',
    description: "share of the people still in a zone whose dike fails who are in the breach zone (depth x velocity >= 7 m2/s: Jonkman's mortality 1)",
    source:
      'Jonkman (2007), Loss of life estimation in flood risk assessment, TU Delft, section 7: the breach zone reaches a few hundred metres from the breach; estimate for zones 1-3 km across',
  },
  'flood.injuryToDeathRatio': {
    default: fixed(10),
    unit: '-',
    description: 'injuries per death in water left at home (Jonkman gives mortality only)',
    source: 'estimate',
  },
  'loss.householdValueYuan': {
    default: fixed(150000),
    unit: 'yuan',
    description: 'building and contents value per household exposed to depth-damage',
    source: 'estimate for the economic-loss proxy',
  },
} as const satisfies Record<string, ParameterInfo>;
