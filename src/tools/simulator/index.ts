// `sogenactif-office-tools/simulator`: the in-process simulator for merchants' test suites (start it, move its
// clock, read its masked exchange log, run its settlement batch, reset it). The main entry never loads it.
export {
  startSimulator,
  DEFAULT_MERCHANT,
  SIMULATOR_LIMITS,
  type SimulatorOptions,
  type RunningSimulator,
  type SimulatorMerchant,
} from './server';
export { ClockError, type SimulatorClock } from './clock';
export { SimulatorOptionError } from './limits';
export type { Exchange, SealVerdict } from './exchange-log';
export { FAULT_NAMES, type FaultName } from './faults';
export { TEST_CARDS, type CardOutcome } from './cards';
export type {
  SimulatorState,
  Transaction,
  TransactionStatus,
  Wallet,
  WalletPaymentMean,
  SimulatedMandate,
  Session,
  FraudListEntry,
} from './state';
export {
  acs,
  AcsWalkError,
  readPageForm,
  type AcsAnswer,
  type AcsAuthenticateOptions,
  type AcsOutcome,
  type PostedForm,
} from './buyer';
