import type { LivePublishFormat } from './live-publish-sink';

/** `live.logs.<run_id>.<driver>` with the Log JSON, which the API's SSE endpoints forward raw (v0.5.0+). */
export const liveLogFormat: LivePublishFormat = {
  subject: (r) => r.channel.liveSubject,
  data: (r) => r,
};

/** `driver:<driver>:logs:<run_id>` with `["<unix seconds>", "<message>"]`, for servers up to v0.4.1. */
export const legacyLogFormat: LivePublishFormat = {
  subject: (r) => r.channel.legacySubject,
  data: (r) => r.legacyWire(),
};
