// The gateway's Prometheus metrics, written in the text exposition format (version 0.0.4) without a library:
// requests by service, operation, outcome and code; a latency histogram; retries, lookups, unknown outcomes, seal
// failures, caller rejections; calls in flight. Label values come from the contract or fixed lists, never from callers.

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

type Labels = Readonly<Record<string, string>>;

const escape = (value: string): string => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labelText = (labels: Labels): string => {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}`;
};

class Counter {
  readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  add(labels: Labels, by = 1): void {
    const key = labelText(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }
  render(out: string[]): void {
    out.push(`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`);
    for (const [labels, value] of this.values) out.push(`${this.name}${labels} ${value}`);
  }
}

class Histogram {
  readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  observe(labels: Labels, seconds: number): void {
    const key = labelText(labels);
    let entry = this.series.get(key);
    if (!entry) this.series.set(key, (entry = { labels, counts: BUCKETS.map(() => 0), sum: 0, count: 0 }));
    BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) entry!.counts[i]! += 1;
    });
    entry.sum += seconds;
    entry.count += 1;
  }
  render(out: string[]): void {
    out.push(`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`);
    for (const { labels, counts, sum, count } of this.series.values()) {
      BUCKETS.forEach((bound, i) =>
        out.push(`${this.name}_bucket${labelText({ ...labels, le: String(bound) })} ${counts[i]}`),
      );
      out.push(
        `${this.name}_bucket${labelText({ ...labels, le: '+Inf' })} ${count}`,
        `${this.name}_sum${labelText(labels)} ${sum}`,
        `${this.name}_count${labelText(labels)} ${count}`,
      );
    }
  }
}

/** What one exchange adds to the metrics. */
export interface ExchangeMetrics {
  readonly service: string;
  readonly operation: string;
  /** ok, declined, invalid-request, unavailable, outcome-unknown, not-trusted, upstream-unavailable, rejected, ... */
  readonly outcome: string;
  /** The verified reply's code field, or the gateway's answer code. */
  readonly code: string;
  readonly seconds: number;
  readonly retries: number;
  readonly lookups: number;
  readonly sealFailures: number;
}

export class GatewayMetrics {
  private readonly requests = new Counter(
    'sogenactif_gateway_requests_total',
    'Calls answered, by service, operation, outcome and code.',
  );
  private readonly latency = new Histogram(
    'sogenactif_gateway_request_duration_seconds',
    "Time from the caller's request to the answer, in seconds.",
  );
  private readonly retries = new Counter(
    'sogenactif_gateway_upstream_retries_total',
    'Requests resent to Sogenactif by the retry policy (reads, 90/99, never-sent).',
  );
  private readonly lookups = new Counter(
    'sogenactif_gateway_lookups_total',
    'getTransactionData lookups of payments whose reply was lost or not trusted.',
  );
  private readonly unknown = new Counter('sogenactif_gateway_unknown_outcomes_total', 'Calls answered OutcomeUnknown.');
  private readonly sealFailures = new Counter(
    'sogenactif_gateway_seal_failures_total',
    'Replies from Sogenactif whose seal did not verify (never passed on).',
  );
  private readonly rejections = new Counter(
    'sogenactif_gateway_caller_rejections_total',
    'Callers refused before any call, by reason.',
  );
  inFlight = 0;

  exchange(m: ExchangeMetrics): void {
    const op = { service: m.service, operation: m.operation };
    this.requests.add({ ...op, outcome: m.outcome, code: m.code });
    this.latency.observe(op, m.seconds);
    if (m.retries) this.retries.add(op, m.retries);
    if (m.lookups) this.lookups.add(op, m.lookups);
    if (m.sealFailures) this.sealFailures.add(op, m.sealFailures);
    if (m.outcome === 'outcome-unknown') this.unknown.add(op);
  }

  rejected(reason: string): void {
    this.rejections.add({ reason });
  }

  /** The exposition text (content type `text/plain; version=0.0.4`). */
  render(): string {
    const out: string[] = [];
    for (const metric of [
      this.requests,
      this.latency,
      this.retries,
      this.lookups,
      this.unknown,
      this.sealFailures,
      this.rejections,
    ])
      metric.render(out);
    out.push(
      '# HELP sogenactif_gateway_in_flight Calls being processed now.',
      '# TYPE sogenactif_gateway_in_flight gauge',
      `sogenactif_gateway_in_flight ${this.inFlight}`,
    );
    return `${out.join('\n')}\n`;
  }
}
