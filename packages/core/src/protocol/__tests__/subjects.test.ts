import {
  assertSubjectToken,
  CONVEYOR_STREAMS,
  driverFilterSubjects,
  parseDeliverySubject,
  subjectTokenProblem,
  Subjects,
} from '..';

describe('subjects', () => {
  it('builds every subject of protocol section 2.5', () => {
    expect(Subjects.resource('app')).toBe('resources.app');
    expect(Subjects.driverResource('git', 'app')).toBe('drivers.git.resources.app');
    expect(Subjects.pipelineInit).toBe('pipelines.pipeline.init');
    expect(Subjects.driverResult).toBe('pipelines.driver.result');
    expect(Subjects.logs('r1')).toBe('logs.r1');
    expect(Subjects.liveLogs('r1', 'git')).toBe('live.logs.r1.git');
    expect(Subjects.liveLogsOfRun('r1')).toBe('live.logs.r1.*');
    expect(Subjects.legacyLiveLogs('git', 'r1')).toBe('driver:git:logs:r1');
  });

  it('filters a driver on both the broadcast and the pipeline subject of each resource', () => {
    expect(driverFilterSubjects('git', ['a', 'b'])).toEqual([
      'resources.a',
      'drivers.git.resources.a',
      'resources.b',
      'drivers.git.resources.b',
    ]);
  });

  it('reads the route of a delivery subject', () => {
    expect(parseDeliverySubject('resources.app')).toEqual({ kind: 'broadcast', resource: 'app' });
    expect(parseDeliverySubject('drivers.git.resources.app')).toEqual({
      kind: 'pipeline',
      driver: 'git',
      resource: 'app',
    });
    expect(parseDeliverySubject('events.x')).toBeUndefined();
    expect(parseDeliverySubject('drivers.git.app')).toBeUndefined();
  });

  it('the three streams match the server: names, subjects, retention, storage', () => {
    expect(CONVEYOR_STREAMS.map((s) => [s.name, s.subjects, s.retention, s.storage])).toEqual([
      ['messages', ['resources.>', 'events.>', 'drivers.>'], 'interest', 'file'],
      ['pipeline-engine', ['pipelines.>'], 'workqueue', 'file'],
      ['logs-engine', ['logs.>'], 'workqueue', 'file'],
    ]);
  });
});

describe('subject token names', () => {
  it.each(['git-cloner', 'a_b', 'A1', 'x:y'])('accepts %s', (name) => {
    expect(subjectTokenProblem(name)).toBeUndefined();
  });

  it.each([
    ['a.b', "'.'"],
    ['a*', "'*'"],
    ['a>', "'>'"],
    ['a|b', "'|'"],
    ['a b', 'whitespace'],
    ['tab\t', 'whitespace'],
  ])('refuses %j, naming %s', (name, shown) => {
    expect(subjectTokenProblem(name)).toContain(shown);
  });

  it('refuses empty and non-string names', () => {
    expect(subjectTokenProblem('')).toBe('must not be empty');
    expect(subjectTokenProblem(3)).toBe('must be a string, got number');
  });

  it('assertSubjectToken names the kind of name', () => {
    expect(() => assertSubjectToken('driver name', 'a.b')).toThrow(/^Invalid driver name: .*'\.'/);
  });
});
