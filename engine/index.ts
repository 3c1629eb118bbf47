/** drillsim/engine: the domain-free machinery (kernel, random streams, statistics). */
export * from './kernel/index.js';
export * from './random/index.js';
export * from './stats/index.js';
export { InputError, type InputIssue, formatIssue, formatIssues } from './errors.js';
export * from './network/index.js';
