import { defineSignal } from '@temporalio/workflow';
import type { StoreEventKind } from '../lib/db/repositories/store-lifecycle';

/** Input of a store's lifecycle workflow (the entity that applies the store's events in order). */
export interface StoreLifecycleInput {
  storeId: string;
  /** Events applied by earlier runs of this entity (carried over continue-as-new, for the run's details). */
  appliedBefore?: number;
}

/** Input of the workflow that applies one lifecycle event. */
export interface StoreEventInput {
  storeId: string;
  eventId: number;
  kind: StoreEventKind;
}

/** Signal that wakes a store's lifecycle workflow: an event was recorded (the database says which, in order). */
export const storeEventRecordedSignal = defineSignal('storeEventRecorded');

/** Signal to an order workflow waiting for its store: look again whether syncing may go on (resumed, reconnected). */
export const storeMaySyncSignal = defineSignal('storeMaySync');

/** The workflow ID of a store's lifecycle entity: one open run per store. */
export function storeLifecycleWorkflowId(storeId: string): string {
  return `store-lifecycle:${storeId}`;
}

/** The workflow ID of the run that applies one event of a store. */
export function storeEventWorkflowId(storeId: string, eventId: number): string {
  return `store-event:${storeId}:${eventId}`;
}
