/** The workflows the worker registers; this file is the worker's `workflowsPath`. */
export { syncOrderWorkflow } from './sync-order';
export { storeEventWorkflow, storeLifecycleWorkflow } from './store-lifecycle';
export { keepXeroTokensAliveWorkflow } from './xero-token-keeper';
