// class-transformer's @Type reads design-time metadata through the Reflect API.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsObject, IsString, ValidateNested } from 'class-validator';
import { DriverResultEvent } from './driver-result';
import { Resource } from './resource';

/** A message on `pipelines.*` (protocol §3.7). Note `run_id` and the one-word `driverresult`. */
export class PipelineEvent {
  /** `create` for init, `driver.result` for results; the engine ignores it. */
  @IsString()
  event!: string;

  @IsString()
  run_id!: string;

  /** The resource as an object (not a string, unlike `DriverMessage.payload`). */
  @IsObject()
  @ValidateNested()
  @Type(() => Resource)
  resource!: Resource;

  @IsObject()
  @ValidateNested()
  @Type(() => DriverResultEvent)
  driverresult!: DriverResultEvent;
}
