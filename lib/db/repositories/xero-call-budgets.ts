import { randomUUID } from 'node:crypto';
import {
  DAY_MS,
  cancelReservation,
  emptyBudget,
  observeQuota,
  refuseCalls,
  reserveAppCall,
  reserveCall,
  type AppBudgetState,
  type BudgetState,
  type CallBudgetStore,
  type CallLimits,
  type DefaultCallLimits,
} from '../../xero/call-budget';
import type { Db } from '../db';
import { queryOne } from '../query-one';

/** Limits the operator set for one organisation; a field left out (or null) uses the service's default. */
export interface OrganisationCallLimits {
  callsPerMinute?: number | null;
  callsPerDay?: number | null;
  concurrentCalls?: number | null;
}

/** What support sees of an organisation's budget. */
export interface BudgetStatus {
  limits: CallLimits;
  overrides: OrganisationCallLimits;
  callsInLastMinute: number;
  callsToday: number;
  inFlight: number;
  blockedUntil: Date | null;
  blockedReason: string | null;
}

/** The governor's shared, durable view of each organisation's Xero quota (tables xero_call_budgets and leases). */
export interface XeroCallBudgetsRepository extends CallBudgetStore {
  /** Sets (or with nulls, clears) an organisation's own limits. */
  setLimits(tenantId: string, limits: OrganisationCallLimits): Promise<void>;
  /** The organisation's budget as support sees it. */
  status(tenantId: string, defaults: DefaultCallLimits, nowMs: number): Promise<BudgetStatus>;
}

/** The app-wide row's key. */
const APP_ROW = '';

interface BudgetRow {
  recentCallsMs: number[];
  appSecondStart: number;
  appSecondCounts: number[];
  dayStartMs: number;
  dayCalls: number;
  othersCalls: number;
  othersSeenAtMs: number;
  blockedUntilMs: number;
  blockedReason: string | null;
  callsPerMinute: number | null;
  callsPerDay: number | null;
  concurrentCalls: number | null;
}

const COLUMNS = `recent_calls_ms AS "recentCallsMs", app_second_start AS "appSecondStart",
  app_second_counts AS "appSecondCounts", day_start_ms AS "dayStartMs", day_calls AS "dayCalls",
  others_calls AS "othersCalls", others_seen_at_ms AS "othersSeenAtMs", blocked_until_ms AS "blockedUntilMs",
  blocked_reason AS "blockedReason", calls_per_minute AS "callsPerMinute", calls_per_day AS "callsPerDay",
  concurrent_calls AS "concurrentCalls"`;

/** Creates the repository over `db`; every change runs in a transaction holding the organisation's row lock. */
export function createXeroCallBudgetsRepository(db: Db): XeroCallBudgetsRepository {
  /** Locks (creating when absent) the organisation's row and returns it. */
  const lockRow = async (tx: Db, tenantId: string): Promise<BudgetRow> => {
    await tx.query('INSERT INTO xero_call_budgets (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING', [
      tenantId,
    ]);
    const row = await queryOne<BudgetRow>(
      tx,
      `SELECT ${COLUMNS} FROM xero_call_budgets WHERE tenant_id = $1 FOR UPDATE`,
      [tenantId],
    );
    if (!row) throw new Error('The Xero call budget row vanished inside its transaction');
    return { ...row, recentCallsMs: row.recentCallsMs.map(Number), appSecondCounts: row.appSecondCounts.map(Number) };
  };

  const saveState = (tx: Db, tenantId: string, state: BudgetState): Promise<unknown> =>
    tx.query(
      `UPDATE xero_call_budgets SET recent_calls_ms = $2::bigint[], day_start_ms = $3, day_calls = $4,
         others_calls = $5, others_seen_at_ms = $6, blocked_until_ms = $7, blocked_reason = $8, updated_at = now()
       WHERE tenant_id = $1`,
      [
        tenantId,
        state.recentCallsMs,
        state.dayStartMs,
        state.dayCalls,
        state.othersCalls,
        state.othersSeenAtMs,
        state.blockedUntilMs,
        state.blockedReason,
      ],
    );

  const releaseLease = (tx: Db, leaseId: string): Promise<unknown> =>
    tx.query('DELETE FROM xero_call_leases WHERE lease_id = $1', [leaseId]);

  return {
    reserve: (tenantId, defaults, nowMs, horizonMs) =>
      db.transaction(async (tx) => {
        // The app row first, then the organisation's: every transaction locks in the same order.
        const app = await lockRow(tx, APP_ROW);
        const row = await lockRow(tx, tenantId);
        const reservation = reserveCall(stateOf(row), limitsOf(row, defaults), nowMs, horizonMs);
        if (reservation.kind === 'beyond') return reservation;
        const appState: AppBudgetState = { secondStart: app.appSecondStart, counts: app.appSecondCounts };
        const appNext = reserveAppCall(appState, defaults.appCallsPerMinute, reservation.atMs, nowMs);
        if (!appNext) return { kind: 'beyond', untilMs: nowMs + 1_000, reason: 'app-minute' };
        await tx.query(
          'UPDATE xero_call_budgets SET app_second_start = $2, app_second_counts = $3::integer[] WHERE tenant_id = $1',
          [APP_ROW, appNext.secondStart, appNext.counts],
        );
        await saveState(tx, tenantId, reservation.state);
        return reservation;
      }),

    cancel: (tenantId, atMs) =>
      db.transaction(async (tx) => {
        const row = await lockRow(tx, tenantId);
        await saveState(tx, tenantId, cancelReservation(stateOf(row), atMs));
      }),

    lease: (tenantId, defaults, nowMs, leaseMs) =>
      db.transaction(async (tx) => {
        const row = await lockRow(tx, tenantId);
        if (row.blockedUntilMs > nowMs) return { kind: 'wait', untilMs: row.blockedUntilMs, reason: 'xero-asked' };
        await tx.query('DELETE FROM xero_call_leases WHERE tenant_id = $1 AND expires_at_ms <= $2', [tenantId, nowMs]);
        const inFlight = await queryOne<{ n: number }>(
          tx,
          'SELECT count(*)::integer AS n FROM xero_call_leases WHERE tenant_id = $1',
          [tenantId],
        );
        if ((inFlight?.n ?? 0) >= limitsOf(row, defaults).concurrentCalls) {
          return { kind: 'wait', untilMs: nowMs, reason: 'concurrent' };
        }
        const leaseId = randomUUID();
        await tx.query('INSERT INTO xero_call_leases (lease_id, tenant_id, expires_at_ms) VALUES ($1, $2, $3)', [
          leaseId,
          tenantId,
          nowMs + leaseMs,
        ]);
        return { kind: 'leased', leaseId };
      }),

    settle: (tenantId, leaseId, reading, defaults, nowMs) =>
      db.transaction(async (tx) => {
        const row = await lockRow(tx, tenantId);
        await releaseLease(tx, leaseId);
        await saveState(tx, tenantId, observeQuota(stateOf(row), reading, limitsOf(row, defaults), nowMs));
      }),

    refuse: (tenantId, leaseId, refusal, defaults, nowMs) =>
      db.transaction(async (tx) => {
        const row = await lockRow(tx, tenantId);
        await releaseLease(tx, leaseId);
        await saveState(tx, tenantId, refuseCalls(stateOf(row), refusal, limitsOf(row, defaults), nowMs));
      }),

    setLimits: async (tenantId, limits) => {
      await db.query(
        `INSERT INTO xero_call_budgets (tenant_id, calls_per_minute, calls_per_day, concurrent_calls)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id) DO UPDATE SET calls_per_minute = EXCLUDED.calls_per_minute,
           calls_per_day = EXCLUDED.calls_per_day, concurrent_calls = EXCLUDED.concurrent_calls, updated_at = now()`,
        [tenantId, limits.callsPerMinute ?? null, limits.callsPerDay ?? null, limits.concurrentCalls ?? null],
      );
    },

    status: async (tenantId, defaults, nowMs) => {
      const row =
        (await queryOne<BudgetRow>(db, `SELECT ${COLUMNS} FROM xero_call_budgets WHERE tenant_id = $1`, [tenantId])) ??
        null;
      const inFlight = await queryOne<{ n: number }>(
        db,
        'SELECT count(*)::integer AS n FROM xero_call_leases WHERE tenant_id = $1 AND expires_at_ms > $2',
        [tenantId, nowMs],
      );
      const state = row ? stateOf(row) : emptyBudget();
      const blocked = state.blockedUntilMs > nowMs;
      return {
        limits: row ? limitsOf(row, defaults) : defaults,
        overrides: {
          callsPerMinute: row?.callsPerMinute ?? null,
          callsPerDay: row?.callsPerDay ?? null,
          concurrentCalls: row?.concurrentCalls ?? null,
        },
        callsInLastMinute: state.recentCallsMs.filter((at) => at > nowMs - 60_000 && at <= nowMs).length,
        callsToday: nowMs - state.dayStartMs < DAY_MS ? state.dayCalls : 0,
        inFlight: inFlight?.n ?? 0,
        blockedUntil: blocked ? new Date(state.blockedUntilMs) : null,
        blockedReason: blocked ? state.blockedReason : null,
      };
    },
  };
}

function stateOf(row: BudgetRow): BudgetState {
  return {
    recentCallsMs: row.recentCallsMs,
    dayStartMs: row.dayStartMs,
    dayCalls: row.dayCalls,
    othersCalls: row.othersCalls,
    othersSeenAtMs: row.othersSeenAtMs,
    blockedUntilMs: row.blockedUntilMs,
    blockedReason: row.blockedReason,
  };
}

function limitsOf(row: BudgetRow, defaults: DefaultCallLimits): CallLimits {
  return {
    callsPerMinute: row.callsPerMinute ?? defaults.callsPerMinute,
    minuteHeadroom: defaults.minuteHeadroom,
    callsPerDay: row.callsPerDay ?? defaults.callsPerDay,
    concurrentCalls: row.concurrentCalls ?? defaults.concurrentCalls,
  };
}
