import { ApiError, send } from "./client";

/**
 * GET /api/v1/system/stats answers this: the node that answered (see the API reference, GetSystemStats). Counts ending
 * in `Total` only grow from the node's start; rates come from two readings (`src/operator/rates.ts`).
 */
export interface NodeStats {
  node: string;
  activeCustomerGrains: number;
  workingSetBytes: number;
  managedHeapBytes: number;
  cpuSecondsTotal: number;
  processorCount: number;
  uptimeSeconds: number;
  /** Seconds the GC paused the process since start. */
  gcPauseSecondsTotal: number;
  /** The longest single pause since start, and over the last minute, in seconds (sampled once a second). */
  gcPauseMaxSeconds: number;
  gcPauseMaxRecentSeconds: number;
  gen0Collections: number;
  gen1Collections: number;
  gen2Collections: number;
  gcHeapSizeBytes: number;
  allocatedBytesTotal: number;
  threadPoolThreads: number;
  threadPoolQueueLength: number;
  threadPoolCompletedTotal: number;
  lockContentionsTotal: number;
  eventsAcceptedTotal: number;
  eventsDuplicateTotal: number;
  /** Every refusal (invalid, unknown staff, conflict, failed, shed); `eventsShedTotal` is the part shed at capacity. */
  eventsRefusedTotal: number;
  eventsShedTotal: number;
  nudgesRaisedTotal: number;
  nudgesPushedTotal: number;
  /** HTTP responses 5xx (503 included) and 503 alone. */
  http5xxTotal: number;
  http503Total: number;
  schedulerBacklog: number;
  nudgeDispatchQueue: number;
  groupCommitQueue: number;
}

/** GET /api/v1/system/cluster: every node of the membership table, and the shared webhook outbox. */
export interface ClusterStats {
  nodes: ClusterNode[];
  webhookOutboxPending: number;
}

export interface ClusterNode {
  node: string;
  name: string;
  /** Orleans' silo status: Active, Joining, ShuttingDown, Stopping, Dead. */
  status: string;
  /** null when the node did not answer. */
  activations: number | null;
  residents: number | null;
  startedAt: string;
  lastAliveAt: string;
}

const bearer = (operatorKey: string) => ({ Authorization: `Bearer ${operatorKey}` });

export const operatorApi = {
  /** This node's figures; 401 (ApiError) when the key is not the operator key. */
  stats(operatorKey: string): Promise<NodeStats> {
    return send("/api/v1/system/stats", { headers: bearer(operatorKey) });
  },

  /** The cluster's nodes; 401 when the key is not the operator key. */
  cluster(operatorKey: string): Promise<ClusterStats> {
    return send("/api/v1/system/cluster", { headers: bearer(operatorKey) });
  },
};

export { ApiError };
