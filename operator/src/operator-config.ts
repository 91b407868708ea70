/** The operator's configuration, after parsing and validation. */
export interface OperatorConfig {
  apiUrl: string;
  apiKey: string;
  clusterId: string;
  /** `['*']` for one whole-cluster report, else the namespaces, one report each. */
  namespaces: string[];
  intervalSeconds: number;
  region: string | undefined;
  /** Kinds to watch even when excluded by default (case-insensitive kind names). */
  includeKinds: string[];
  /** Kinds never watched, in addition to the defaults. */
  excludeKinds: string[];
  /** Report controller-owned objects too (they are dropped at the source by default). */
  includeControllerOwned: boolean;
  /** The worker's body limit; scopes larger than this are sent as a batch. */
  maxBodyBytes: number;
  /** Port of `/healthz`, `/readyz`, `/metrics` (0 = a free port; -1 = no server). */
  metricsPort: number;
  /** List everything, send one report per scope, exit. */
  once: boolean;
}
