import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The operator's Prometheus metrics, on a registry of its own (no global state between tests). */
export interface OperatorMetrics {
  registry: Registry;
  objectsWatched: Gauge<'kind'>;
  reports: Counter<'outcome'>;
  reportSeconds: Histogram;
  bytesSent: Counter;
  lastSuccess: Gauge;
}

/**
 * Creates the metrics: objects watched per kind, reports by outcome (`sent`, `failed`, `rate_limited`),
 * report latency, gzip bytes sent and the time of the last successful report.
 *
 * @example const metrics = createOperatorMetrics(); await metrics.registry.metrics();
 */
export function createOperatorMetrics(): OperatorMetrics {
  const registry = new Registry();
  return {
    registry,
    objectsWatched: new Gauge({
      name: 'driftwise_objects_watched',
      help: 'Objects held in the watch cache, per kind.',
      labelNames: ['kind'],
      registers: [registry],
    }),
    reports: new Counter({
      name: 'driftwise_reports_total',
      help: 'Reports by outcome: sent, failed, rate_limited.',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    reportSeconds: new Histogram({
      name: 'driftwise_report_duration_seconds',
      help: 'Time to build and send one report (all parts of a batch).',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    bytesSent: new Counter({
      name: 'driftwise_report_bytes_sent_total',
      help: 'Request body bytes sent to the worker (gzip).',
      registers: [registry],
    }),
    lastSuccess: new Gauge({
      name: 'driftwise_last_successful_report_timestamp_seconds',
      help: 'Unix time of the last report the worker accepted.',
      registers: [registry],
    }),
  };
}
