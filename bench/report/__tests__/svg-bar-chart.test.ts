import { escapeXml, formatValue, renderBarChart } from '../svg-bar-chart';

const widths = (svg: string) =>
  [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('renderBarChart', () => {
  it('scales each panel to its own longest bar', () => {
    const svg = renderBarChart(
      [
        {
          title: 'events/s',
          unit: 'events/s',
          bars: [
            { label: 'framework', value: 4000 },
            { label: 'raw', value: 2000 },
          ],
        },
        {
          title: 'latency',
          unit: 'ms',
          bars: [
            { label: 'framework', value: 0.5 },
            { label: 'raw', value: 2 },
          ],
        },
      ],
      'chart',
    );
    const [fw1, raw1, fw2, raw2] = widths(svg);
    expect(raw1).toBeCloseTo(fw1 / 2, 0);
    expect(fw2).toBeCloseTo(raw2 / 4, 0);
    expect(fw1).toBe(raw2); // both longest bars span the full bar space
  });

  it("draws peer bars grey, the framework's blue, and prints each value", () => {
    const svg = renderBarChart(
      [
        {
          title: 't',
          unit: 'u',
          bars: [
            { label: 'framework c=1', value: 18_234.4 },
            { label: 'NestJS', value: 3.456, peer: true },
          ],
        },
      ],
      'x',
    );
    expect(svg).toMatch(/fill="#2f6fdb"\/>\n<text[^>]*>18,234<\/text>/);
    expect(svg).toMatch(/fill="#9aa5b1"\/>\n<text[^>]*>3.46<\/text>/);
  });

  it('escapes labels and titles, and survives empty, zero and non-finite values', () => {
    const svg = renderBarChart(
      [
        {
          title: 'a <b> & "c"',
          unit: 'ms',
          bars: [
            { label: '<script>', value: Number.NaN },
            { label: 'zero', value: 0 },
          ],
        },
      ],
      'T&T',
    );
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('T&amp;T');
    expect(svg).toContain('>n/a</text>');
    expect(widths(svg)).toEqual([0, 0]);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('grows taller with every panel and bar, and declares a matching viewBox', () => {
    const one = renderBarChart([{ title: 't', unit: 'u', bars: [{ label: 'a', value: 1 }] }], 'x');
    const two = renderBarChart(
      [
        {
          title: 't',
          unit: 'u',
          bars: [
            { label: 'a', value: 1 },
            { label: 'b', value: 2 },
          ],
        },
      ],
      'x',
    );
    const height = (svg: string) => Number(/height="([\d.]+)" viewBox="0 0 \d+ ([\d.]+)"/.exec(svg)![1]);
    expect(height(two)).toBeGreaterThan(height(one));
    expect(one).toMatch(/viewBox="0 0 820 (\d+(\.\d)?)"/);
    expect(one.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });
});

describe('formatValue / escapeXml', () => {
  it('keeps about three significant figures', () => {
    expect(formatValue(18_234.4)).toBe('18,234');
    expect(formatValue(45.23)).toBe('45.2');
    expect(formatValue(0.281)).toBe('0.28');
    expect(formatValue(Number.POSITIVE_INFINITY)).toBe('n/a');
  });

  it('escapes the XML specials', () => {
    expect(escapeXml(`<a href="x">&</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});
