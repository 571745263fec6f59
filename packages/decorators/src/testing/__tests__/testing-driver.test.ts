import 'reflect-metadata';
import { encodeDriverMessage, MalformedMessageError } from '@conveyor-ts/core';
import {
  Driver,
  Event,
  Logger,
  Message,
  Payload,
  Reconcile,
  RunId,
  Signal,
  type DriverLogger,
  type MessageInfo,
  type Resource,
} from '@conveyor-ts/decorators';
import { createTestingDriver, RecordingLogger } from '@conveyor-ts/decorators/testing';
import { IsOptional, IsString, IsUrl } from 'class-validator';
import { injectable } from 'tsyringe';

@injectable()
class GitService {
  async clone(url: string, branch: string): Promise<string> {
    throw new Error(`the real GitService must not run in unit tests (${url}@${branch})`);
  }
}

class CloneSpec {
  @IsUrl({ require_tld: false })
  repository!: string;

  @IsOptional()
  @IsString()
  branch?: string;

  /** A method proves the handler receives a CloneSpec instance, not a plain object. */
  ref(): string {
    return `${this.repository}#${this.branch ?? 'main'}`;
  }
}

@Driver({ name: 'git-cloner', resources: ['git-repo'], concurrency: 4 })
class GitCloner {
  constructor(private readonly git: GitService) {}

  @Reconcile()
  async reconcile(@Payload(CloneSpec) resource: Resource<CloneSpec>, @Logger() log: DriverLogger) {
    log.info(`cloning ${resource.spec.ref()}`, { resource: resource.name });
    const path = await this.git.clone(resource.spec.repository, resource.spec.branch ?? 'main');
    return { success: true, message: 'cloned', data: { path } };
  }
}

describe('createTestingDriver', () => {
  it('runs a driver with a mocked service and records its logs', async () => {
    const git = { clone: jest.fn().mockResolvedValue('/tmp/repo') };
    const driver = createTestingDriver(GitCloner, { providers: [{ provide: GitService, useValue: git }] });

    const result = await driver.reconcile({
      name: 'app',
      spec: { repository: 'https://example.com/org/app.git', branch: 'dev' },
    });

    expect(result).toEqual({ success: true, message: 'cloned', data: { path: '/tmp/repo' } });
    expect(git.clone).toHaveBeenCalledWith('https://example.com/org/app.git', 'dev');
    expect(driver.logger.entries).toEqual([
      { level: 'info', message: 'cloning https://example.com/org/app.git#dev', labels: { resource: 'app' } },
    ]);
    expect(driver.definition).toMatchObject({
      name: 'git-cloner',
      resources: ['git-repo'],
      options: { concurrency: 4 },
    });
  });

  it('turns an invalid spec into a failure result with the validation messages, without calling the handler', async () => {
    const git = { clone: jest.fn() };
    const driver = createTestingDriver(GitCloner, { providers: [{ provide: GitService, useValue: git }] });

    const result = await driver.reconcile({ spec: { repository: 'not a url', branch: 7 } });

    expect(result).toEqual({
      success: false,
      message:
        'Invalid payload for driver "git-cloner" (CloneSpec): spec.repository: must be a URL address ' +
        '(got string); spec.branch: must be a string (got number)',
      data: {
        problems: [
          { field: 'spec.repository', problem: 'must be a URL address (got string)' },
          { field: 'spec.branch', problem: 'must be a string (got number)' },
        ],
      },
    });
    expect(git.clone).not.toHaveBeenCalled();
    expect(driver.logger.messages('warn')).toEqual([result.message]);
  });

  it('refuses a spec that is not an object', async () => {
    const driver = createTestingDriver(GitCloner, { providers: [{ provide: GitService, useValue: {} }] });
    const result = await driver.reconcile({ spec: null });
    expect(result).toMatchObject({
      success: false,
      message: 'Invalid payload for driver "git-cloner" (CloneSpec): spec: must be an object, got null',
    });
  });

  it('rejects when the handler throws (the manager retries it)', async () => {
    const git = { clone: jest.fn().mockRejectedValue(new Error('network down')) };
    const driver = createTestingDriver(GitCloner, { providers: [{ provide: GitService, useValue: git }] });
    await expect(driver.reconcile({ spec: { repository: 'https://example.com/a.git' } })).rejects.toThrow(
      'network down',
    );
  });

  it('rejects a result the runtime refuses, as production fails that attempt', async () => {
    @Driver({ name: 'sloppy', resources: ['r'] })
    class Sloppy {
      // @ts-expect-error `success` must be a boolean: the typed @Reconcile() refuses this at compile time
      @Reconcile()
      reconcile() {
        return { success: 'yes', message: 'done' };
      }
    }
    await expect(createTestingDriver(Sloppy).reconcile({})).rejects.toThrow(
      'reconcile returned {"success":"yes","message":"done"}, not a DriverResult {success, message, data}',
    );
  });

  it('rejects data that cannot be serialized, as production does', async () => {
    @Driver({ name: 'bigint', resources: ['r'] })
    class WithBigInt {
      @Reconcile()
      reconcile() {
        return { success: true, message: '', data: { size: BigInt(1) } };
      }
    }
    await expect(createTestingDriver(WithBigInt).reconcile({})).rejects.toThrow(
      'reconcile returned data that cannot be serialized to JSON',
    );
  });

  it('decodes a raw DriverMessage, as received from NATS', async () => {
    const git = { clone: jest.fn().mockResolvedValue('/tmp/x') };
    const driver = createTestingDriver(GitCloner, { providers: [{ provide: GitService, useValue: git }] });
    const bytes = encodeDriverMessage({
      event: 'process',
      id: 'a1b2c3d4e5f6a1b2c3d4e5f6',
      runId: '5d1c9a8e-2b7f-4c3e-9a1d-0e6f7b8c9d0a',
      resource: {
        name: 'app',
        resource: 'git-repo',
        pipeline: 'build',
        spec: { repository: 'https://example.com/a.git' },
      },
    });
    await expect(driver.reconcileMessage(bytes)).resolves.toMatchObject({ success: true });

    await expect(
      driver.reconcileMessage(new TextEncoder().encode('{"event":"create"}')),
    ).rejects.toBeInstanceOf(MalformedMessageError);
  });

  it('takes a jest.fn() logger instead of the recording one', async () => {
    const logger = { info: jest.fn(), warn: jest.fn() } as unknown as DriverLogger;
    const driver = createTestingDriver(GitCloner, {
      providers: [{ provide: GitService, useValue: { clone: async () => '/p' } }],
      logger,
    });
    await driver.reconcile({ name: 'n', spec: { repository: 'https://example.com/a.git' } });
    expect(logger.info).toHaveBeenCalledWith('cloning https://example.com/a.git#main', { resource: 'n' });
  });

  it('gives each test its own container', () => {
    const a = createTestingDriver(GitCloner, { providers: [{ provide: GitService, useValue: { id: 'a' } }] });
    const b = createTestingDriver(GitCloner);
    expect(a.container.resolve(GitService)).toEqual({ id: 'a' });
    expect(b.container.resolve(GitService)).toBeInstanceOf(GitService);
  });
});

describe('handler parameters', () => {
  it('passes payload, event, run id and logger in the seed order when no parameter is decorated', async () => {
    const seen: unknown[] = [];
    @Driver({ name: 'plain', resources: ['thing'] })
    class Plain {
      @Reconcile()
      reconcile(resource: Resource, event: string, runId: string, log: DriverLogger): void {
        seen.push(resource.name, event, runId, log);
      }
    }
    const driver = createTestingDriver(Plain);
    const result = await driver.reconcile({ name: 'x' }, { event: 'process', runId: 'run-1' });
    expect(result).toEqual({ success: true, message: '', data: null });
    expect(seen).toEqual(['x', 'process', 'run-1', driver.logger]);
  });

  it('passes what each decorator asks for, in any order, and accepts a sync result', async () => {
    const controller = new AbortController();
    let received: unknown[] = [];
    @Driver({ name: 'picky', resources: ['thing'] })
    class Picky {
      @Reconcile()
      reconcile(
        @Signal() signal: AbortSignal,
        @Message() message: MessageInfo,
        @RunId() runId: string,
        @Event() event: string,
        @Payload() resource: Resource,
      ) {
        received = [signal, message, runId, event, resource.pipeline];
        return { success: false, message: 'nope' };
      }
    }
    const driver = createTestingDriver(Picky);
    const result = await driver.reconcile(
      { pipeline: 'p' },
      { runId: 'r', messageId: 'm', attempt: 3, signal: controller.signal },
    );
    expect(result).toEqual({ success: false, message: 'nope', data: null });
    expect(received).toEqual([
      controller.signal,
      {
        id: 'm',
        subject: 'drivers.picky.resources.thing',
        route: { kind: 'pipeline', driver: 'picky', resource: 'thing' },
        attempt: 3,
      },
      'r',
      'create',
      'p',
    ]);
  });

  it('validates the whole resource with { validate: "resource" }', async () => {
    class RepoResource {
      @IsString() name!: string;
      @IsString() pipeline!: string;
    }
    let got: unknown;
    @Driver({ name: 'whole', resources: ['thing'] })
    class Whole {
      @Reconcile()
      reconcile(@Payload(RepoResource, { validate: 'resource' }) resource: RepoResource): void {
        got = resource;
      }
    }
    const driver = createTestingDriver(Whole);
    await expect(driver.reconcile({ name: 'n' })).resolves.toMatchObject({
      success: false,
      message: 'Invalid payload for driver "whole" (RepoResource): pipeline: is missing',
    });
    await expect(driver.reconcile({ name: 'n', pipeline: 'p' })).resolves.toMatchObject({ success: true });
    expect(got).toBeInstanceOf(RepoResource);
  });

  it('records child loggers and streams in the same entries', async () => {
    @Driver({ name: 'chatty', resources: ['thing'] })
    class Chatty {
      @Reconcile()
      async reconcile(@Logger() log: DriverLogger): Promise<void> {
        const step = log.child({ step: 'build' });
        step.debug('starting');
        const out = step.stream({ level: 'warn' });
        await new Promise<void>((resolve) => out.end('line 1\nline 2', resolve));
      }
    }
    const driver = createTestingDriver(Chatty, { logger: new RecordingLogger({ test: true }) });
    await driver.reconcile({});
    expect(driver.logger.entries).toEqual([
      { level: 'debug', message: 'starting', labels: { test: true, step: 'build' } },
      { level: 'warn', message: 'line 1', labels: { test: true, step: 'build' } },
      { level: 'warn', message: 'line 2', labels: { test: true, step: 'build' } },
    ]);
  });
});
