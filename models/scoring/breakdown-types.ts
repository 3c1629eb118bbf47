/**
 * The breakdown of one replication: besides the city-wide metrics, the same outcome per place, team,
 * reserve, incident type and plan clause (issue 10 item 6). Every table is keyed by row id (county code,
 * shelter id, team id, reserve id, incident type, clause id) and every row holds numbers by column name;
 * `null` is a value that does not exist in this replication (a shelter that never received anybody has
 * no first relief time; a clause that never started has no start time). Rows and columns are data, so a
 * new hazard or response module adds rows (an incident type) or columns without a type change here; the
 * six tables are fixed because the CLI (`--by`), the JSON and the CSV name them.
 *
 * Which rows a replication lists (models/scoring/breakdown.ts aggregates them): every row it can know
 * from the scenario and plan (counties, shelters, reserves, the region's teams, the plan's clauses, the
 * incident types its modules can open), with 0 in count columns where nothing happened; rows that exist
 * only in some replications (a mutual-aid team that arrived) only where they exist. Over a batch each
 * row's statistics are over the replications that listed it (`listed`), and each column's over the
 * replications where it was not null (`n`), so a missing row is never silently averaged in as 0.
 */
export const BREAKDOWN_TABLES = ['county', 'shelter', 'team', 'reserve', 'incidentType', 'clause'] as const;
export type BreakdownTable = (typeof BREAKDOWN_TABLES)[number];

export type BreakdownRow = Record<string, number | null>;
export type ReplicationBreakdown = Record<BreakdownTable, Record<string, BreakdownRow>>;

/** The columns each table carries, with their unit and meaning (for tables, CSV headers and docs). */
export interface BreakdownColumn {
  unit: string;
  description: string;
}

/** Per relief item (models/response/relief.ts RELIEF_ITEMS) and its unit: what a reserve issued and has left. */
function reserveColumns(units: Readonly<Record<string, string>>): Record<string, BreakdownColumn> {
  const out: Record<string, BreakdownColumn> = {};
  for (const [item, unit] of Object.entries(units)) {
    out[`${item}Issued`] = { unit, description: `${item} issued from the reserve` };
    out[`${item}Left`] = { unit, description: `${item} left at the reserve at the horizon` };
  }
  return out;
}

export const BREAKDOWN_COLUMNS: Readonly<Record<BreakdownTable, Readonly<Record<string, BreakdownColumn>>>> = {
  county: {
    deaths: { unit: 'persons', description: 'people killed in the county' },
    injured: { unit: 'persons', description: 'people injured in the county' },
    exposedPersonHours: { unit: 'person-h', description: "hazard exposure of the county's people (sum of every hazard's exposure)" },
    evacuated: { unit: 'persons', description: 'people transferred out of the county\'s zones (ordered evacuees and rescued)' },
    unmetReliefPersonDays: { unit: 'person-days', description: "unmet relief in the county's shelters and of its people outside them (cut off, or at home in a flooded zone until it is clear)" },
    returnedHome: { unit: 'persons', description: "people of the county's zones who went home once their zone was clear" },
    aboveAegl2: { unit: 'persons', description: "people of the county's zones whose toxic load reached the 60-min AEGL-2 (chemical releases)" },
  },
  shelter: {
    capacity: { unit: 'persons', description: 'capacity of the shelter' },
    arrived: { unit: 'persons', description: 'evacuees who arrived in all' },
    peakOccupancy: { unit: 'persons', description: 'most people in the shelter at one time' },
    firstReliefHours: { unit: 'h', description: 'first arrival to first relief delivery (null: nobody arrived; horizon: never supplied)' },
    unmetReliefPersonDays: { unit: 'person-days', description: 'sheltered person-days without relief (water, food, bedding in a ready place: a third each; all of it without a place)' },
    neededReliefPersonDays: { unit: 'person-days', description: 'sheltered person-days: everyone present, all the time' },
    occupancyAtEnd: { unit: 'persons', description: 'people in the shelter at the horizon (those whose zone cleared went home)' },
    readyAtMin: { unit: 'min', description: 'when its places were ready (order plus opening time), minutes from the start (null: never opened)' },
  },
  team: {
    dispatches: { unit: 'count', description: 'times the team was sent to an incident or a staging point' },
    busyHours: { unit: 'h', description: 'hours committed to incidents and moves' },
    firstArrivalMin: { unit: 'min', description: 'first arrival at an incident, minutes from the start (null: never arrived)' },
  },
  reserve: reserveColumns({ drinkingWater: 'cases', instantFood: 'ration boxes', foldingBeds: 'beds', quilts: 'quilts', tents: 'tents' }),
  incidentType: {
    count: { unit: 'count', description: 'incidents opened' },
    unserved: { unit: 'count', description: 'incidents nobody reached by the horizon' },
    superseded: { unit: 'count', description: 'incidents whose need passed, unreached, to a later incident (the same people in another state)' },
    responseP50Min: { unit: 'min', description: 'median response time (unserved counted at the horizon)' },
    responseP90Min: { unit: 'min', description: '90th percentile response time (unserved counted at the horizon)' },
  },
  clause: {
    started: { unit: 'share', description: '1 if the clause started in the replication, else 0' },
    completed: { unit: 'share', description: '1 if the clause was completed by the horizon, else 0' },
    onTime: { unit: 'share', description: '1 if completed by its deadline, 0 if completed late or never (a deadline missed by not finishing is missed); null without a deadline or when it never started' },
    startMin: { unit: 'min', description: 'start time, minutes from the scenario start (null: not started)' },
    deadlineMin: { unit: 'min', description: 'deadline, minutes from the scenario start (null: no deadline, or not started)' },
    completedMin: { unit: 'min', description: 'completion time, minutes from the scenario start (null: not completed)' },
  },
};

/**
 * A 0/1 column whose mean is a share (clause started, completed, on time): the batch gives it a Wilson
 * interval besides the t-interval, and a replication may put nothing else in it.
 */
export function isShareColumn(table: BreakdownTable, column: string): boolean {
  const columns = BREAKDOWN_COLUMNS[table];
  return Object.hasOwn(columns, column) && columns[column]!.unit === 'share';
}

/** An empty breakdown (every table without rows). */
export function emptyBreakdown(): ReplicationBreakdown {
  return { county: {}, shelter: {}, team: {}, reserve: {}, incidentType: {}, clause: {} };
}
