/**
 * The resource limits of everything drillsim reads, in one place (docs/schemas.md "Resource limits" lists
 * them for users). Each limit exists because something beyond it costs memory or time out of proportion to
 * any real document: a horizon sizes every replication's curves and the scorecard merged on the server, a
 * nesting depth bounds the recursion of every walk over a value, a mapping's key count and a string's
 * length bound what one small file can make the schema check do. Every limit is checked at validation
 * (`drillsim validate`, the API's store), with a located error, before anything is built from the document.
 */
export { MAX_JSON_DEPTH, MAX_NETWORK_FILE_BYTES, MAX_TEXT_FILE_BYTES } from '../../engine/network/json-source.js';
/** Scenario and plan documents: 2 MiB, 100 alias expansions, 64 levels of flow nesting, 256 columns of indentation. */
export {
  DEFAULT_MAX_ALIAS_COUNT,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_INDENT,
  DEFAULT_MAX_MAPPING_KEYS as MAX_MAPPING_KEYS,
  DEFAULT_MAX_STRING_LENGTH as MAX_STRING_LENGTH,
} from './document/options.js';

/**
 * Longest scenario horizon, minutes (60 days). A replication keeps one curve point per hour of horizon
 * (models/replication.ts CURVE_STEP_MIN) and the scorecard one summary per point, so the horizon is what
 * sizes a replication's result and the merge on the server: 60 days is 1,441 points. Floods, earthquakes and
 * their relief phases are days to weeks; a longer study is several scenarios.
 */
export const MAX_HORIZON_MIN = 60 * 24 * 60;

/** Most zones a region may bring to a scenario (every replication keeps per-zone state and curves). */
export const MAX_ZONES = 20_000;

/**
 * Most replications one batch may ask for, in the CLI (`--replications`, `--max`: api/cli/options.ts) and
 * the API (api/http/schemas.ts): a million runs of the largest scenario is days of work on one machine, and
 * a precision rule usually stops far earlier. The engine itself could count to 2^32 (replication indices
 * are uint32), which is no reason to accept it.
 */
export const MAX_REPLICATIONS = 1_000_000;
