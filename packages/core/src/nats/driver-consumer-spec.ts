/** What a driver's consumer must look like, independent of the NATS client library (protocol §2.3). */
export interface DriverConsumerSpec {
  /** Consumer name and durable name. */
  driver: string;
  filterSubjects: readonly string[];
  deliverPolicy: 'all' | 'new';
  maxAckPending: number;
  ackWaitMs: number;
}
