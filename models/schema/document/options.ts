/** Resource limits of the document parser and the options of the loaders. */
import type { TSchema } from '@sinclair/typebox';

export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MAX_ALIAS_COUNT = 100;
export const DEFAULT_MAX_DEPTH = 64;
export const DEFAULT_MAX_INDENT = 256;
export const DEFAULT_MAX_ISSUES = 100;
/** Most keys in one mapping (the schema check and the typo search work per key). */
export const DEFAULT_MAX_MAPPING_KEYS = 5_000;
/** Longest string or key, in UTF-16 units. */
export const DEFAULT_MAX_STRING_LENGTH = 20_000;

export interface ParseLimits {
  /** Largest accepted document in UTF-8 bytes (default 2 MiB). */
  maxBytes?: number;
  /** Most alias expansions allowed (yaml's `maxAliasCount`; default 100, 0 forbids aliases). */
  maxAliasCount?: number;
  /** Deepest flow nesting ([ {) and most compact block indicators (`- - -`) on one line (default 64). */
  maxDepth?: number;
  /** Deepest indentation in columns (default 256). */
  maxIndent?: number;
  /** Most keys in one mapping (default 5,000). */
  maxMappingKeys?: number;
  /** Longest string or key (default 20,000 UTF-16 units). */
  maxStringLength?: number;
}

export interface LoadOptions extends ParseLimits {
  /** The `kind` the document must have; default: the schema's `kind` literal, if it has one. */
  kind?: string;
  /** The `drillsim` format version required; default: the schema's `drillsim` literal, if it has one. */
  version?: number;
  /** Schemas that `Type.Ref`s in `schema` point to. */
  references?: TSchema[];
  /** Stop after this many problems (default 100); a last issue says that more were left out. */
  maxIssues?: number;
}
