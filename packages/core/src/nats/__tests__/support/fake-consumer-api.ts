import { NatsError, type ConsumerConfig, type ConsumerInfo, type NatsConnection } from 'nats';
import { JsErrorCode } from '../../api-errors';

function apiError(code: number, errCode: number, description: string): NatsError {
  const error = new NatsError(description, String(code));
  error.api_error = { code, err_code: errCode, description };
  return error;
}

/**
 * The JetStream consumer API of a nats-server, in memory: enough to drive the provisioner through
 * create, update, conflicts, a server that drops `filter_subjects` (< 2.10) and a missing stream.
 */
export class FakeConsumerApi {
  readonly stored = new Map<string, ConsumerConfig>();
  readonly calls: string[] = [];
  /** false: behave like nats-server < 2.10, which ignores `filter_subjects`. */
  appliesFilterSubjects = true;
  streamExists = true;
  /** Runs before `add` answers, e.g. another instance creating the same consumer first. */
  beforeAdd?: () => void;

  async info(stream: string, name: string): Promise<ConsumerInfo> {
    this.calls.push(`info ${stream} ${name}`);
    if (!this.streamExists) throw apiError(404, JsErrorCode.streamNotFound, 'stream not found');
    const config = this.stored.get(name);
    if (!config) throw apiError(404, JsErrorCode.consumerNotFound, 'consumer not found');
    return { stream_name: stream, name, config } as ConsumerInfo;
  }

  async add(stream: string, config: Partial<ConsumerConfig>): Promise<ConsumerInfo> {
    this.calls.push(`add ${stream} ${config.durable_name}`);
    this.beforeAdd?.();
    if (this.stored.has(config.name!)) throw apiError(400, 10148, 'consumer already exists');
    this.stored.set(config.name!, this.apply(config as ConsumerConfig));
    return this.info(stream, config.name!);
  }

  async update(stream: string, name: string, config: Partial<ConsumerConfig>): Promise<ConsumerInfo> {
    this.calls.push(`update ${stream} ${name} ${Object.keys(config).sort().join(',')}`);
    this.stored.set(name, this.apply({ ...this.stored.get(name)!, ...config }));
    return this.info(stream, name);
  }

  /** A connection to a server of this version (in a cluster, if named) whose JetStream manager is this fake. */
  connection(version = '2.10.27', cluster?: string): NatsConnection {
    return {
      info: { version, cluster },
      jetstreamManager: async () => ({ consumers: this }),
    } as unknown as NatsConnection;
  }

  private apply(config: ConsumerConfig): ConsumerConfig {
    if (this.appliesFilterSubjects) return config;
    const { filter_subjects: _dropped, ...rest } = config;
    return rest as ConsumerConfig;
  }
}
