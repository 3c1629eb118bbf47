/**
 * A calculator model: one hazard formula exposed to `drillsim calc <name>` (api/cli/commands/calc.ts) so plan
 * authors can evaluate it and anyone can check it against published values. The input is a closed TypeBox
 * object (unknown fields are errors, ranges are schema bounds); `check` reports what a schema cannot say
 * (an interval whose end precedes its start); `compute` is a pure function of the checked input.
 */
import type { Static, TObject } from '@sinclair/typebox';

export interface CalcModel<S extends TObject = TObject, Out extends object = object> {
  /** The command's model name, kebab-case (`quake-intensity`). */
  name: string;
  /** One line for `drillsim calc --list` and the help. */
  description: string;
  /** Where the formula comes from (papers, standards), for the help and docs/calc.md. */
  source: string;
  input: S;
  /** A valid input, shown by `drillsim calc <name> --example` and used by the tests. */
  example: Static<S>;
  /** Problems the schema cannot express, at a JSON pointer relative to this input object. */
  check?(input: Static<S>, fail: (path: string, message: string) => void): void;
  compute(input: Static<S>): Out;
}

/** Erase a model's input type for the registry (each model is typed inside its own module). */
export function calcModel<S extends TObject, Out extends object>(m: CalcModel<S, Out>): CalcModel {
  return m as unknown as CalcModel;
}
