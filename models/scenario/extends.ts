/**
 * The one `extends` resolver, for plans read from files (models/scenario/load.ts: `extends` is a path
 * relative to the extending file) and from the HTTP catalog (api/http/catalog.ts: `extends` is a plan id).
 * Both follow the chain with the same cycle and depth checks, merge it the same way, and place the
 * compile step's problems in the document of the chain that defines the offending key. They differ only
 * in how a reference is named and fetched and in where a chain problem is shown, which an
 * `ExtendsSource` says.
 */
import { InputError, type InputIssue } from '../../engine/errors.js';
import type { LocatedDocument } from '../schema/document.js';

/** How deep `extends` chains may go (a cycle or a runaway chain is bad input, not a hang). */
export const MAX_EXTENDS = 8;

/** One document of a chain: its value and its located text. */
export interface ChainLink<T> {
  value: T;
  doc: LocatedDocument;
}

/** A document that may extend another. */
export interface Extending {
  extends?: string | undefined;
}

/** How the documents of a chain are named and fetched, and where its problems are shown. */
export interface ExtendsSource<L extends ChainLink<Extending>> {
  /** The key of the chain's first document; cycles are found by key (a resolved path, a plan id). */
  key(first: L): string;
  /** The key that `from`'s `extends: ref` names. */
  resolve(from: L, ref: string): string;
  /** The document a key names; throws an InputError (located in `from`) if there is none. */
  fetch(key: string, from: L): L;
  /** What a chain is made of, in the depth message ('files', 'plans'). */
  unit: string;
  /** A key as the cycle message names it. */
  describe(key: string): string;
  /** The issue for a chain problem met while following `from`'s reference to `key`. */
  problem(from: L, key: string, kind: 'cycle' | 'depth', message: string): InputIssue;
}

/** Follow `extends` from `first`: the chain starts with `first`, each link the one its predecessor extends. */
export function resolveExtends<L extends ChainLink<Extending>>(first: L, source: ExtendsSource<L>): L[] {
  const chain = [first];
  const seen = new Set<string>([source.key(first)]);
  let current = first;
  while (current.value.extends !== undefined) {
    const key = source.resolve(current, current.value.extends);
    if (seen.has(key)) {
      throw new InputError([source.problem(current, key, 'cycle', `'extends' makes a cycle through ${source.describe(key)}`)]);
    }
    if (chain.length >= MAX_EXTENDS) {
      throw new InputError([source.problem(current, key, 'depth', `'extends' chains may be at most ${MAX_EXTENDS} ${source.unit} deep`)]);
    }
    seen.add(key);
    current = source.fetch(key, current);
    chain.push(current);
  }
  return chain;
}

/** The chain merged: the extending document's top-level fields win; `extends` itself is dropped. */
export function mergeChain<T extends Extending>(chain: ReadonlyArray<{ value: T }>): Omit<T, 'extends'> {
  let merged: T | null = null;
  for (let i = chain.length - 1; i >= 0; i--) merged = { ...(merged ?? {}), ...chain[i]!.value } as T;
  const { extends: _ignored, ...rest } = merged!;
  return rest;
}

/**
 * An issue that carries a JSON pointer only, placed in `doc`'s text. An unknown name used as a map key (a
 * gauge id under `gauges`, a parameter name) is shown at the key.
 */
export function placeIssue(doc: LocatedDocument, issue: InputIssue): InputIssue {
  const segments = issue.path.split('/');
  const last = segments[segments.length - 1] ?? '';
  const atKey = issue.message.startsWith('unknown ') && last !== '' && !/^\d+$/.test(last);
  return { ...doc.issue(issue.path, issue.message, atKey ? { at: 'key' } : {}), ...(issue.severity !== undefined ? { severity: issue.severity } : {}) };
}

/**
 * Run a compile step over a (merged) chain and place each problem it throws in the document of the chain
 * that defines the problem's top-level key (the first document when none does). `placed` picks the
 * issues that already know their place (from a region's own files, say) and stay as they are.
 */
export function locateInChain<R>(chain: ReadonlyArray<ChainLink<unknown>>, run: () => R, placed: (issue: InputIssue) => boolean = () => false): R {
  try {
    return run();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw new InputError(
      err.issues.map((issue) => {
        if (placed(issue)) return issue;
        const top = issue.path.split('/')[1];
        const owner = chain.find((l) => top !== undefined && typeof l.value === 'object' && l.value !== null && top in l.value) ?? chain[0];
        return owner === undefined ? issue : placeIssue(owner.doc, issue);
      }),
    );
  }
}
