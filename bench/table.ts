/** Markdown tables, padded so they read well in a terminal too. */

/** `align` has one letter per column: `l` left, `r` right. */
export function markdownTable(headers: string[], rows: string[][], align: string): string {
  const widths = headers.map((h, i) =>
    Math.max(3, h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const pad = (cells: string[]) =>
    `| ${cells
      .map((cell, i) => {
        const width = widths[i] ?? 3;
        return align[i] === 'r' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join(' | ')} |`;
  const rule = `| ${widths
    .map((w, i) => (align[i] === 'r' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)))
    .join(' | ')} |`;
  return [pad(headers), rule, ...rows.map(pad)].join('\n');
}

export function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/** A figure next to its goal: `0.93 ✓` or `0.62 ✗`. */
export function againstGoal(text: string, met: boolean): string {
  return `${text} ${met ? '✓' : '✗'}`;
}
