import { send } from "./client";

/** GET /api/v1/console/reports/execution answers this (see the API reference, GetConsoleExecutionReport). */
export interface ExecutionReport {
  /** yyyy-MM-dd, inclusive, in the tenant's time zone. */
  from: string;
  to: string;
  groupBy: GroupBy;
  overdueAfterSeconds: number;
  generatedAt: string;
  total: ExecutionGroup;
  groups: ExecutionGroup[];
  /** Whose nudges it covers: the tenant (admin), a manager's team, or only the caller's own. */
  scope: "tenant" | "team" | "self";
  /** yyyy-MM-dd: the first raised day whose customers reached are kept (retention); null while every day is. */
  customersReachedFrom: string | null;
}

export type GroupBy = "staff" | "team" | "rule" | "variant" | "day";

/** The figures of one group: counts of nudges raised in the period; rates of those shown (null when none were). */
export interface ExecutionGroup {
  key: string;
  rule: string | null;
  variant: string | null;
  raised: number;
  shown: number;
  holdout: number;
  delivered: number;
  opened: number;
  done: number;
  doneByAction: number;
  doneWithinHour: number;
  notUseful: number;
  expired: number;
  obsolete: number;
  open: number;
  snoozed: number;
  overdue: number;
  doneRate: number | null;
  notUsefulRate: number | null;
  expiredRate: number | null;
  medianSecondsToDone: number | null;
  p90SecondsToDone: number | null;
  replies: number;
  orders: number;
  ittReplies: number;
  ittOrders: number;
  revenue: { currency: string; attributed: number; itt: number }[];
  /**
   * Distinct customers with a nudge of the group acted on (Done, or done by the staff member's own action); a team's
   * counts each once. Null when the period starts before the report's `customersReachedFrom` (not kept).
   */
  customersReached: number | null;
  /** Attributed revenue per customer reached, per currency. */
  revenuePerCustomerReached: { currency: string; attributed: number }[];
  uplift: {
    treated: number;
    control: number;
    reply: UpliftFigure | null;
    order: UpliftFigure | null;
  } | null;
}

export interface UpliftFigure {
  difference: number;
  low: number;
  high: number;
}

/** GET /api/v1/console/reports/execution/overdue answers this. */
export interface OverdueNudges {
  generatedAt: string;
  overdueAfterSeconds: number;
  nudges: {
    nudgeId: string;
    staffId: string;
    customerId: string;
    customerName: string | null;
    title: string;
    rule: string;
    variant: string | null;
    raisedAt: string;
    expiresAt: string | null;
    openSeconds: number;
  }[];
}

const bearer = (accessToken: string) => ({ Authorization: `Bearer ${accessToken}` });

export const reports = {
  /** The execution report the signed-in staff member may see: 400 names a bad parameter. */
  execution(accessToken: string, from: string, to: string, groupBy: GroupBy, overdueAfter = "1h"): Promise<ExecutionReport> {
    const query = new URLSearchParams({ from, to, groupBy, overdueAfter });
    return send(`/api/v1/console/reports/execution?${query}`, { headers: bearer(accessToken) });
  },

  /** The overdue nudges now of one staff member (403 outside the caller's team), oldest first. */
  overdue(accessToken: string, staffId: string, overdueAfter = "1h"): Promise<OverdueNudges> {
    const query = new URLSearchParams({ staffId, overdueAfter });
    return send(`/api/v1/console/reports/execution/overdue?${query}`, { headers: bearer(accessToken) });
  },
};
