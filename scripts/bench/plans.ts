/**
 * Plans of any size for the benchmark, made by the fixture generator: the
 * rows of fixture d01 repeated k times (TT renumbered), as .txt (a
 * tab-separated appendix, as copied from Word), .docx, and .pdf printed
 * from the .docx by LibreOffice. PDFs are cached in the work folder since
 * printing a long table takes LibreOffice a while.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packPlan } from '../fixtures/lib/document.js';
import { d01 } from '../fixtures/plans/d01_san_pham.js';
import { contentText, productText, type Plan, type TaskRow } from '../fixtures/lib/plan.js';

export const BASE_ROWS = d01.appendix.rows.length;

export function scaledPlan(k: number): Plan {
  const rows: TaskRow[] = [];
  for (let rep = 0; rep < k; rep++) {
    for (const r of d01.appendix.rows) rows.push({ ...r, tt: String(rows.length + 1), group: k > 1 ? `${r.group ?? 'Nhóm'} (${rep + 1})` : r.group });
  }
  return { ...d01, id: `bench_x${k}`, appendix: { ...d01.appendix, rows } };
}

export function planText(plan: Plan): string {
  const cols = plan.appendix.columns;
  const value = (r: TaskRow, f: string): string => {
    switch (f) {
      case 'tt':
        return r.tt;
      case 'content':
        return contentText(r.content);
      case 'lead':
        return r.lead.join('; ');
      case 'support':
        return r.support.join('; ');
      case 'deadline':
        return r.deadline ?? '';
      case 'product':
        return productText(r.product) ?? '';
      case 'approval':
        return r.approval ?? '';
      default:
        return r.note ?? '';
    }
  };
  const lines = [`KẾ HOẠCH`, plan.subject, '', ...plan.body.map((p) => p.replace(/^[#*>]+\s*/, '')), '', 'PHỤ LỤC', ''];
  lines.push(cols.map((c) => c.header).join('\t'));
  let group: string | null = null;
  for (const r of plan.appendix.rows) {
    if (r.group && r.group !== group) {
      lines.push([r.group, ...cols.slice(1).map(() => '')].join('\t'));
      group = r.group;
    }
    lines.push(cols.map((c) => value(r, c.field).replace(/\s+/g, ' ')).join('\t'));
  }
  return `${lines.join('\n')}\n`;
}

export interface BenchFiles {
  k: number;
  rows: number;
  txt: string;
  docx: string;
  pdf: string | null;
}

export async function benchFiles(dir: string, k: number, withPdf: boolean): Promise<BenchFiles> {
  mkdirSync(dir, { recursive: true });
  const plan = scaledPlan(k);
  const txt = path.join(dir, `${plan.id}.txt`);
  const docx = path.join(dir, `${plan.id}.docx`);
  const pdf = path.join(dir, `${plan.id}.pdf`);
  writeFileSync(txt, planText(plan));
  const bytes = await packPlan(plan);
  const same = existsSync(docx) && Buffer.compare(readFileSync(docx), Buffer.from(bytes)) === 0;
  if (!same) writeFileSync(docx, bytes);
  if (withPdf && (!same || !existsSync(pdf))) {
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx],
      { stdio: 'ignore', timeout: 600_000 },
    );
  }
  return { k, rows: plan.appendix.rows.length, txt, docx, pdf: withPdf && existsSync(pdf) ? pdf : null };
}
