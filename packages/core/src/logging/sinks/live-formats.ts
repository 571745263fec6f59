import { Subjects } from '../../protocol/subjects';
import type { LivePublishFormat } from './live-publish-sink';

/** `live.logs.<run_id>.<driver>` with the Log JSON, which the API's SSE endpoints forward raw (v0.5.0+). */
export const liveLogFormat: LivePublishFormat = {
  subject: (r) => Subjects.liveLogs(r.bindings.runId, r.bindings.driver),
  data: (r) => r.wire(),
};

/** `driver:<driver>:logs:<run_id>` with `["<unix seconds>", "<message>"]`, for servers up to v0.4.1. */
export const legacyLogFormat: LivePublishFormat = {
  subject: (r) => Subjects.legacyLiveLogs(r.bindings.driver, r.bindings.runId),
  data: (r) => r.legacyWire(),
};
