/** Live log payloads of `live.logs.<runid>.<driver>` (core NATS), forwarded raw like the server does. */
export interface LiveLogSource {
  /** Subscribes to one driver's live logs of a run, or every driver's when `driver` is undefined. */
  subscribe(runid: string, driver: string | undefined): LiveLogSubscription;
}

export interface LiveLogSubscription extends AsyncIterable<string> {
  close(): void;
}
