/** `POST /resources` answer (protocol §3.9); keys in the server's alphabetical order. */
export interface CreateResourceResponse {
  message: string;
  name: string;
  /** The run id of the first dispatch: every step of the resource's pipeline shares it. */
  runid: string;
  version: string;
}

/** Filters of `GET /logs`; each an exact match, all optional. */
export interface LogQuery {
  pipeline?: string;
  driver?: string;
  runid?: string;
}

/** `GET /health` answer of the standalone server and the local control plane. */
export interface HealthStatus {
  status: string;
  /** Unix seconds. */
  time: number;
}
