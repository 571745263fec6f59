import { injectable } from 'tsyringe';

/** What the driver depends on: a class, so tsyringe injects it and tests replace it. */
@injectable()
export class GreetingService {
  greet(who: string): string {
    return `hello ${who}`;
  }
}
