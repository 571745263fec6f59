// What `conveyor run src/index.ts` runs: every @Driver() class imported here.
import 'reflect-metadata';

export { Greeter } from './greeter.driver';
