/**
 * File URLs of the study job modules, for BatchJob.module. Workers import the module by URL, so it must
 * name a file that exists: the compiled `.js` beside this file in dist/, or the `.ts` source when this
 * module itself runs from source (vitest, tsx).
 */
export type StudyJobName = 'paired-job' | 'points-job';

export function studyJobModule(name: StudyJobName): string {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${ext}`, import.meta.url).href;
}
