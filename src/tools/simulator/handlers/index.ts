// Every business handler of the simulator, by "service.operation".
import type { SimulatorState } from '../state';
import { cashManagementHandlers } from './cash-management';
import { checkoutHandlers } from './checkout';
import type { Handler } from './common';
import { diagnosticHandlers } from './diagnostic';
import { mandateHandlers } from './mandate';
import { otherHandlers } from './other';
import { walletHandlers } from './wallet';

export type { Handler, Reply } from './common';

export function createHandlers(state: SimulatorState): Record<string, Handler> {
  return {
    ...checkoutHandlers(state),
    ...cashManagementHandlers(state),
    ...diagnosticHandlers(state),
    ...walletHandlers(state),
    ...mandateHandlers(state),
    ...otherHandlers(state),
  };
}
