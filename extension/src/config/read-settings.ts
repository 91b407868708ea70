/** The `driftwise.*` settings, validated, with defaults applied. The API key is not here: it lives in SecretStorage. */
export interface DriftwiseSettings {
  apiUrl: string;
  orgId: string;
  clusterIds: string[];
  /** Empty = every namespace the clusters have scans for. */
  namespaces: string[];
  /** Seconds between refreshes; 0 = only on command. */
  refreshIntervalSeconds: number;
}

/** The defaults, also declared in package.json `contributes.configuration`. */
export const defaultSettings: DriftwiseSettings = {
  apiUrl: 'http://127.0.0.1:8787',
  orgId: '',
  clusterIds: [],
  namespaces: [],
  refreshIntervalSeconds: 60,
};

/**
 * Reads `driftwise.*` through a getter (VS Code's `WorkspaceConfiguration.get`), dropping values of the
 * wrong type instead of failing: a typo in settings.json must not stop the extension.
 * @example readSettings((key) => vscode.workspace.getConfiguration('driftwise').get(key))
 */
export function readSettings(get: (key: string) => unknown): DriftwiseSettings {
  const apiUrl = get('apiUrl');
  const orgId = get('orgId');
  const interval = get('refreshIntervalSeconds');
  return {
    apiUrl: typeof apiUrl === 'string' && apiUrl.trim() !== '' ? apiUrl.trim() : defaultSettings.apiUrl,
    orgId: typeof orgId === 'string' ? orgId.trim() : '',
    clusterIds: stringList(get('clusterIds')),
    namespaces: stringList(get('namespaces')).filter((namespace) => namespace !== '*'),
    refreshIntervalSeconds:
      typeof interval === 'number' && Number.isFinite(interval) && interval >= 0
        ? interval
        : defaultSettings.refreshIntervalSeconds,
  };
}

/** A string or a list of strings, trimmed, without blanks or duplicates. */
function stringList(value: unknown): string[] {
  const raw = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [];
  const list = raw.filter((entry): entry is string => typeof entry === 'string').map((entry) => entry.trim());
  return [...new Set(list.filter((entry) => entry !== ''))];
}
