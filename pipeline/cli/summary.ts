import type { DocDigest } from '../node/job.js';

/** Totals of a convert batch. */
export interface BatchSummary {
  converted: number;
  failed: number;
  tasks: number;
  /** Findings per rule id. */
  findingsByRule: Map<string, number>;
  outDir: string;
}

export function emptySummary(outDir: string): BatchSummary {
  return { converted: 0, failed: 0, tasks: 0, findingsByRule: new Map(), outDir };
}

export function addDocument(s: BatchSummary, doc: DocDigest): void {
  s.converted++;
  s.tasks += doc.tasks;
  for (const rule of doc.findingRules) s.findingsByRule.set(rule, (s.findingsByRule.get(rule) ?? 0) + 1);
}

/** The closing block: what was done and where it went. Rules by count, most frequent first. */
export function formatSummary(s: BatchSummary): string {
  const rules = [...s.findingsByRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const total = rules.reduce((n, [, c]) => n + c, 0);
  const width = Math.max(0, ...rules.map(([r]) => r.length));
  const lines = [
    'Tóm tắt / Summary',
    `  Đã chuyển / Converted:        ${s.converted} văn bản / documents`,
    `  Không chuyển được / Failed:   ${s.failed}`,
    `  Nhiệm vụ / Tasks:             ${s.tasks}`,
    `  Cảnh báo / Findings:          ${total}`,
    ...rules.map(([rule, n]) => `    ${rule.padEnd(width)}  ${n}`),
    `  Thư mục kết quả / Output folder: ${s.outDir}`,
  ];
  return `${lines.join('\n')}\n`;
}
