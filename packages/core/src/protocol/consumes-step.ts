import { Subjects } from './subjects';

/** NATS subject matching: `*` is one token, a trailing `>` one or more. */
export function subjectMatches(filter: string, subject: string): boolean {
  const want = filter.split('.');
  const got = subject.split('.');
  for (let i = 0; i < want.length; i++) {
    if (want[i] === '>') return got.length > i;
    if (i >= got.length || (want[i] !== '*' && want[i] !== got[i])) return false;
  }
  return want.length === got.length;
}

/** Whether a consumer with these filter subjects receives a pipeline step for `driver` on `resource`. */
export function consumesStep(filterSubjects: readonly string[], driver: string, resource: string): boolean {
  const subject = Subjects.driverResource(driver, resource);
  return filterSubjects.some((filter) => subjectMatches(filter, subject));
}
