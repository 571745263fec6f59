import 'reflect-metadata';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { NatsJetStreamContext, NatsJetStreamServer } from '@nestjs-plugins/nestjs-nats-jetstream-transport';
import { AckPolicy, DeliverPolicy, type JetStreamClient } from 'nats';
import { StreamNames, Subjects } from '../../packages/core/src';
import { BENCH_RESOURCE, type LoopKind, type LoopOptions } from './loop-under-test';

/** The transport's documented consumer defaults: 1,024 unacked messages, 30 s to ack. */
const MAX_ACK_PENDING = 1024;
const ACK_WAIT_NS = 30_000_000_000;
const encoder = new TextEncoder();

/** The transport names its durable `<durable>-<subject with . as _>`; the bench passes `driver` as durable. */
const durableName = (driver: string) =>
  `${driver}-${Subjects.driverResource(driver, BENCH_RESOURCE).replaceAll('.', '_')}`;
const deliverSubject = (driver: string) => `bench.nest.${driver}`;

interface DriverMessageJson {
  id: string;
  run_id: string;
  payload: string;
}

/**
 * A NestJS microservice with `@nestjs-plugins/nestjs-nats-jetstream-transport`, as its README sets it
 * up: an `@EventPattern` handler on the driver's subject, a durable push consumer, manual ack after the
 * handler's work. The transport decodes the message JSON; the handler parses the string payload, runs
 * the workload and acks, and with `publishResult` first publishes the `driver.result` and awaits its
 * PubAck like the other loops. The transport runs one handler at a time, whatever `concurrency` says.
 */
function nestjsLoop(name: string, publishResult: boolean): LoopKind {
  return {
    name,
    publishesResults: publishResult,
    async provision(admin, driver) {
      const jsm = await admin.jetstreamManager();
      await jsm.consumers.add(StreamNames.messages, {
        durable_name: durableName(driver),
        deliver_subject: deliverSubject(driver),
        filter_subject: Subjects.driverResource(driver, BENCH_RESOURCE),
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        max_ack_pending: MAX_ACK_PENDING,
        ack_wait: ACK_WAIT_NS,
      });
      return durableName(driver);
    },
    async start(options) {
      let js: JetStreamClient | undefined;
      const module = handlerModule(options, publishResult, () => js!);
      const app: INestMicroservice = await NestFactory.createMicroservice(module, {
        strategy: new NatsJetStreamServer({
          connectionOptions: {
            servers: options.url,
            name: `bench-${name}:${options.driver}`,
            connectedHook: (nc) => (js = nc.jetstream()),
          },
          consumerOptions: {
            durable: options.driver,
            deliverToSubject: deliverSubject(options.driver),
            deliverPolicy: 'All',
            ackPolicy: 'Explicit',
            manualAck: true,
            maxAckPending: MAX_ACK_PENDING,
          },
        }),
        logger: ['error', 'warn'],
      });
      await app.listen();
      return { stop: () => app.close() };
    },
  };
}

/** A module whose controller handles `drivers.<driver>.resources.bench` (decorators need the subject up front). */
function handlerModule(
  { driver, work, onSettled }: LoopOptions,
  publishResult: boolean,
  jetstream: () => JetStreamClient,
): new () => unknown {
  @Controller()
  class BenchEventController {
    @EventPattern(Subjects.driverResource(driver, BENCH_RESOURCE))
    async handle(@Payload() message: DriverMessageJson, @Ctx() context: NatsJetStreamContext): Promise<void> {
      const resource = JSON.parse(message.payload);
      await work(resource.spec.sentAt);
      if (publishResult) {
        const result = {
          event: 'driver.result',
          run_id: message.run_id,
          resource,
          driverresult: { success: true, message: '', data: null, driver },
        };
        await jetstream().publish(Subjects.driverResult, encoder.encode(JSON.stringify(result)), {
          msgID: `${message.id}:${driver}:result`,
        });
      }
      context.message.ack();
      onSettled();
    }
  }
  @Module({ controllers: [BenchEventController] })
  class BenchModule {}
  return BenchModule;
}

/** Consume and ack: what the transport does for a user whose handler has nothing to report. */
export const nestjsAckLoop = nestjsLoop('nestjs', false);

/** Consume, publish the `driver.result` with PubAck, ack: the Conveyor protocol on NestJS. */
export const nestjsResultLoop = nestjsLoop('nestjs-result', true);
