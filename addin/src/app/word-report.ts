/**
 * Báo cáo (.docx) from the open task sheet: the same report `phuluc rollup
 * --report` writes, built in the pane from the same core. The sheet's rows
 * become one returned workbook as the command line would read it (plan
 * from the sheet's import, statuses and dates as typed), then the core's
 * report and its Word writer. No Excel here: rows in, bytes out.
 */
import type { Tracking } from '../../../pipeline/model/tracking.js';
import { buildReport } from '../../../pipeline/tracking/report.js';
import { docKey, type TrackedWorkbook } from '../../../pipeline/tracking/read-tracked.js';
import { writeReportDocx } from '../../../pipeline/write/report-docx.js';
import type { SheetTasks } from './table.js';

export interface PlanInfo {
  file: string;
  title: string | null;
  number: string | null;
}

/** The sheet as one returned tracking workbook. */
export function trackedFromSheet(sheetName: string, sheet: SheetTasks, plan: PlanInfo | null): TrackedWorkbook {
  const file = plan?.file ?? sheetName;
  const key = docKey(plan?.number ?? file);
  const label = plan?.number ?? file;
  const empty: Tracking = { status: null, doneDate: null, notes: null };
  return {
    file: sheetName,
    sheet: sheetName,
    headerRow: sheet.firstRow,
    rows: sheet.tasks.map((task, i) => {
      const tracking = sheet.tracking[i] ?? empty;
      return {
        file: sheetName,
        sheet: sheetName,
        row: (sheet.rowOf[i] ?? sheet.firstRow) + 1,
        docKey: key,
        docName: label,
        task,
        tracking,
        typed: { status: tracking.status, doneDate: tracking.doneDate },
        extra: {},
        removed: false,
        issues: [],
      };
    }),
    documents: [{ key, label, title: plan?.title ?? null, file, number: plan?.number ?? null, version: null, reporter: null }],
    notes: [],
    agency: null,
  };
}

export async function wordReport(sheetName: string, sheet: SheetTasks, plan: PlanInfo | null, o: { asOf: string; dueSoonDays: number; excludeRoutine: boolean; now?: Date }): Promise<Uint8Array> {
  const report = buildReport([trackedFromSheet(sheetName, sheet, plan)], { asOf: o.asOf, dueSoonDays: o.dueSoonDays, excludeRoutine: o.excludeRoutine });
  return writeReportDocx(report, { generatedAt: o.now ?? new Date() });
}
