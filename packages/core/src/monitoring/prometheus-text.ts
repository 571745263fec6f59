/** Label values keyed by label name. */
export type Labels = Record<string, string>;

const escape = (value: string): string =>
  value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels): string => {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${escape(value)}"`);
  return pairs.length > 0 ? `{${pairs.join(',')}}` : '';
};

/** Writes the Prometheus text exposition format (version 0.0.4), one metric family at a time. */
export class PrometheusText {
  private readonly lines: string[] = [];

  counter(name: string, help: string, samples: Iterable<[Labels, number]>): this {
    return this.family(name, 'counter', help, samples);
  }

  gauge(name: string, help: string, samples: Iterable<[Labels, number]>): this {
    return this.family(name, 'gauge', help, samples);
  }

  /** `counts[i]` counts observations in bucket i alone (not cumulative); the last is +Inf. */
  histogram(
    name: string,
    help: string,
    bounds: readonly number[],
    series: Iterable<[Labels, { counts: readonly number[]; sum: number }]>,
  ): this {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
    for (const [labels, { counts, sum }] of series) {
      let cumulative = 0;
      counts.forEach((count, i) => {
        cumulative += count;
        const le = i < bounds.length ? String(bounds[i]) : '+Inf';
        this.lines.push(`${name}_bucket${labelText({ ...labels, le })} ${cumulative}`);
      });
      this.lines.push(
        `${name}_sum${labelText(labels)} ${sum}`,
        `${name}_count${labelText(labels)} ${cumulative}`,
      );
    }
    return this;
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }

  private family(name: string, type: string, help: string, samples: Iterable<[Labels, number]>): this {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) this.lines.push(`${name}${labelText(labels)} ${value}`);
    return this;
  }
}
