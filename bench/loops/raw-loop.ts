import { connect, type ConnectionOptions, type JsMsg } from 'nats';
import { HandWrittenRunLog } from './hand-written-run-log';
import type { LoopKind } from './loop-under-test';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * A hand-written `nats` loop doing the same protocol work as the manager: pull from the driver's
 * durable consumer on `messages`, decode the DriverMessage and its string payload, run the workload,
 * publish the `driver.result` PipelineEvent with `Nats-Msg-Id` and await its PubAck, then ack.
 * At most `concurrency` messages are handled at once. No validation, no retries, no heartbeats.
 * With `runLogs`, the workload gets a hand-written run logger.
 */
function rawNatsLoop(name: string, options: Partial<ConnectionOptions>, runLogs = false): LoopKind {
  return {
    name,
    publishesResults: true,
    start: async ({ url, driver, concurrency, work, onSettled }) => {
      const nc = await connect({ ...options, servers: url, name: `bench-${name}:${driver}` });
      const logs = runLogs ? await HandWrittenRunLog.connect(url, `bench-${name}:${driver}:logs`) : undefined;
      const js = nc.jetstream();
      const consumer = await js.consumers.get('messages', driver);
      const messages = await consumer.consume({ max_messages: concurrency });

      const handle = async (m: JsMsg): Promise<void> => {
        try {
          const message = JSON.parse(decoder.decode(m.data));
          const resource = JSON.parse(message.payload);
          await work(resource.spec.sentAt, logs?.forRun(message.run_id, driver, resource.pipeline ?? ''));
          const result = {
            event: 'driver.result',
            run_id: message.run_id,
            resource,
            driverresult: { success: true, message: '', data: null, driver },
          };
          await js.publish('pipelines.driver.result', encoder.encode(JSON.stringify(result)), {
            msgID: `${message.id}:${driver}:result`,
          });
          m.ack();
          onSettled();
        } catch (error) {
          console.error(`raw loop: ${(error as Error).message}`);
          m.nak(1000);
        }
      };

      let inFlight = 0;
      let wake: (() => void) | undefined;
      const loop = (async () => {
        for await (const m of messages) {
          while (inFlight >= concurrency) await new Promise<void>((resolve) => (wake = resolve));
          inFlight += 1;
          void handle(m).finally(() => {
            inFlight -= 1;
            const resume = wake;
            wake = undefined;
            resume?.();
          });
        }
      })();

      return {
        async stop() {
          await messages.close();
          await loop;
          await nc.drain();
          await logs?.close();
        },
      };
    },
  };
}

/** The loop as most people would write it: nats.js defaults. */
export const rawLoop = rawNatsLoop('raw', {});

/** The same loop with the framework's connection default `noAsyncTraces` (no stack capture per request). */
export const rawLoopNoTraces = rawNatsLoop('raw-notraces', { noAsyncTraces: true });

/** The no-traces loop whose workload logs through a hand-written pipelined run log (hand-written-run-log.ts). */
export const rawLoggingLoop = rawNatsLoop('raw-logging', { noAsyncTraces: true }, true);
