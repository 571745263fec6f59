import type { ConsumerInfo, NatsConnection } from 'nats';
import { StreamNames } from '../protocol/subjects';
import { JsErrorCode, jsErrorCode } from './api-errors';
import { ConsumerConflictError } from './consumer-conflict-error';
import { filterSubjectDifferences, immutableDifferences, toConsumerConfig } from './consumer-config';
import type { DriverConsumerSpec } from './driver-consumer-spec';
import { assertServerSupportsFilterSubjects } from './server-version';

/**
 * Creates the driver's durable consumer on `messages`, or updates it in place; idempotent, so every
 * instance of a driver can run it at start. Only ever touches the `messages` stream: the engine's
 * work-queue streams must never get a driver consumer (protocol §2.2).
 */
export async function provisionDriverConsumer(
  connection: NatsConnection,
  spec: DriverConsumerSpec,
): Promise<ConsumerInfo> {
  assertServerSupportsFilterSubjects(connection.info?.version);
  const jsm = await connection.jetstreamManager();
  const stream = StreamNames.messages;
  const clustered = connection.info?.cluster !== undefined;
  const existing = await findConsumer(() => jsm.consumers.info(stream, spec.driver), clustered);

  let info: ConsumerInfo;
  if (existing) {
    const conflicts = immutableDifferences(existing.config, spec);
    if (conflicts.length > 0) throw new ConsumerConflictError(spec.driver, conflicts);
    const {
      durable_name: _d,
      name: _n,
      ack_policy: _a,
      deliver_policy: _p,
      ...updatable
    } = toConsumerConfig(spec);
    info = await jsm.consumers.update(stream, spec.driver, updatable);
  } else {
    info = await jsm.consumers.add(stream, toConsumerConfig(spec)).catch(async (error: unknown) => {
      // Another instance may have created it between our lookup and our create: update instead.
      if (!(await findConsumer(() => jsm.consumers.info(stream, spec.driver), clustered))) throw error;
      return provisionDriverConsumer(connection, spec);
    });
  }

  const filters = filterSubjectDifferences(info.config, spec);
  if (filters.length > 0) {
    throw new ConsumerConflictError(
      spec.driver,
      filters,
      `was returned by nats-server ${connection.info?.version} without the requested filter subjects`,
    );
  }
  return info;
}

async function findConsumer(
  lookup: () => Promise<ConsumerInfo>,
  clustered: boolean,
): Promise<ConsumerInfo | undefined> {
  try {
    return await lookup();
  } catch (error) {
    if (jsErrorCode(error) === JsErrorCode.consumerNotFound) return undefined;
    if (jsErrorCode(error) === JsErrorCode.streamNotFound) {
      // Seen in a rolling restart of a 3-node cluster: a restarted node answered this for a moment.
      const inCluster = clustered ? '; in a cluster, a node that has just restarted may not know it yet' : '';
      throw new Error(
        `Stream "${StreamNames.messages}" does not exist: is this a Conveyor NATS server? (the Conveyor server creates it at start${inCluster})`,
        { cause: error },
      );
    }
    throw error;
  }
}
