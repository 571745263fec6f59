import { IsString } from 'class-validator';

/**
 * A log line as the server stores and streams it (protocol §3.8). The key is `runid`, not `run_id`:
 * without it the server files the entry under an empty run id.
 */
export class LogEntry {
  @IsString()
  runid!: string;

  @IsString()
  driver!: string;

  /** `resource.pipeline` where known, so `GET /logs?pipeline=` finds the entry. */
  @IsString()
  pipeline!: string;

  /** Fixed-width ISO-8601 UTC: the server sorts a run's entries by this string. */
  @IsString()
  timestamp!: string;

  @IsString()
  message!: string;
}
