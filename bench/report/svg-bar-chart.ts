import type { ChartPanel } from './bench-report';

/** Layout of the chart, in SVG user units. */
const WIDTH = 820;
const LABEL_WIDTH = 300;
const VALUE_WIDTH = 110;
const BAR_HEIGHT = 16;
const ROW_HEIGHT = 22;
const TITLE_HEIGHT = 30;
const PANEL_GAP = 14;
const PADDING = 12;
const FRAMEWORK_COLOUR = '#2f6fdb';
const PEER_COLOUR = '#9aa5b1';

/**
 * Horizontal bar charts, one panel per figure, stacked vertically. Each panel has its own scale (its
 * longest bar spans the width). The framework's bars are blue, its peers' grey.
 */
export function renderBarChart(panels: readonly ChartPanel[], title: string): string {
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 2 * PADDING;
  const parts: string[] = [];
  let y = PADDING + TITLE_HEIGHT;
  parts.push(text(PADDING, PADDING + 16, title, 'font-size="16" font-weight="bold"'));
  for (const panel of panels) {
    parts.push(text(PADDING, y + 18, `${panel.title} (${panel.unit})`, 'font-size="13" font-weight="bold"'));
    y += TITLE_HEIGHT;
    const max = Math.max(0, ...panel.bars.map((b) => (Number.isFinite(b.value) ? b.value : 0)));
    for (const bar of panel.bars) {
      const value = Number.isFinite(bar.value) ? Math.max(0, bar.value) : 0;
      const width = max > 0 ? (value / max) * barSpace : 0;
      const colour = bar.peer ? PEER_COLOUR : FRAMEWORK_COLOUR;
      const barY = y + (ROW_HEIGHT - BAR_HEIGHT) / 2;
      parts.push(
        text(PADDING + LABEL_WIDTH - 8, y + 15, bar.label, 'font-size="12" text-anchor="end"'),
        `<rect x="${PADDING + LABEL_WIDTH}" y="${round(barY)}" width="${round(width)}" height="${BAR_HEIGHT}" fill="${colour}"/>`,
        text(PADDING + LABEL_WIDTH + width + 6, y + 15, formatValue(bar.value), 'font-size="12"'),
      );
      y += ROW_HEIGHT;
    }
    y += PANEL_GAP;
  }
  const height = round(y + PADDING);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

/** Thousands separated; whole from 100, one decimal from 10, two below: 18,200 / 45.2 / 0.28. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function text(x: number, y: number, content: string, attributes: string): string {
  return `<text x="${round(x)}" y="${round(y)}" ${attributes}>${escapeXml(content)}</text>`;
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const round = (n: number) => Math.round(n * 10) / 10;
