import { footprintScenario } from './footprint/footprint-scenario';
import { ioBoundScenario } from './io-bound';
import { loggingScenario } from './logging/logging-scenario';
import { nestjsScenario } from './nestjs';
import { protocolScenario } from './protocol/protocol-scenario';
import { scalingScenario } from './scaling/scaling-scenario';
import type { Scenario } from './scenario';
import { tracingScenario } from './tracing';

/** Every scenario, in the order (the order they run and appear in docs/benchmarks.md). */
export const SCENARIOS: readonly Scenario[] = [
  protocolScenario,
  nestjsScenario,
  ioBoundScenario,
  loggingScenario,
  scalingScenario,
  footprintScenario,
  tracingScenario,
];
