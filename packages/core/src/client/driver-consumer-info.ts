/**
 * A consumer on the `messages` stream, as the local control plane lists them (`GET /drivers`): a
 * driver is there while its process runs (protocol §2.3). The Go server has no such route.
 */
export interface DriverConsumerInfo {
  /** The consumer's name: the driver's name. */
  name: string;
  filterSubjects: string[];
}
