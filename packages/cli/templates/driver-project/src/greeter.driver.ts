import {
  Driver,
  Logger,
  Payload,
  Reconcile,
  type DriverLogger,
  type DriverResult,
  type Resource,
} from '@conveyor-ts/decorators';
import { GreetingService } from './greeting.service';

export interface GreetingSpec {
  who: string;
}

/** Answers every `greeting` resource, and the pipeline steps addressed to it, with a greeting. */
@Driver({ name: 'greeter', resources: ['greeting'] })
export class Greeter {
  constructor(private readonly greetings: GreetingService) {}

  @Reconcile()
  async reconcile(
    @Payload() greeting: Resource<GreetingSpec>,
    @Logger() logger: DriverLogger,
  ): Promise<DriverResult> {
    if (!greeting.spec?.who) return { success: false, message: 'spec.who is required' };
    logger.info(`greeting ${greeting.spec.who}`);
    return { success: true, message: this.greetings.greet(greeting.spec.who) };
  }
}
