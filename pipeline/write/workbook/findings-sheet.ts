import type ExcelJS from 'exceljs';
import type { ConvertedDocument } from '../../model/document.js';
import type { Finding, Severity, TaskField } from '../../model/finding.js';
import { FIELD_COLUMN_KEY } from '../columns.js';
import { RULES } from '../../check/rules.js';
import type { CellValue, Row, Sheet } from '../xlsx/model.js';
import { addSheet } from './exceljs.js';
import { colLetter, fitHeightOf, headerCell, longestLine, printPage, SHEET, sheetRef, str, STYLE, widthFor } from './layout.js';
import type { TaskRow } from './rows.js';
import { clip, type TasksLayout } from './tasks-sheet.js';

const SEVERITY: Record<Severity, string> = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Lưu ý' };

const FIELD_COLUMN = FIELD_COLUMN_KEY;

const FIELD_LABEL: Record<TaskField, string> = {
  tt: 'Mã',
  content: 'Nội dung',
  lead: 'Cơ quan chủ trì',
  support: 'Cơ quan phối hợp',
  deadline: 'Thời hạn',
  approval: 'Cấp phê duyệt',
  product: 'Sản phẩm',
  status: 'Trạng thái',
  doneDate: 'Ngày hoàn thành',
};

/** `Kiểm tra` added to an exceljs workbook (see findingsSheet). */
export function addFindingsSheet(
  wb: ExcelJS.Workbook,
  docs: readonly ConvertedDocument[],
  rows: readonly TaskRow[],
  tasks: TasksLayout,
  combined: boolean,
): void {
  addSheet(wb, findingsSheet(docs, rows, tasks, combined));
}

/**
 * `Kiểm tra`: one row per finding, with a HYPERLINK to the cell it is about.
 * The link is a formula (not a relationship) because an internal "#Sheet!A1"
 * target is what both Excel and LibreOffice follow inside the file.
 */
export function findingsSheet(docs: readonly ConvertedDocument[], rows: readonly TaskRow[], tasks: TasksLayout, combined: boolean): Sheet {
  const headers = ['STT', ...(combined ? ['Văn bản'] : []), 'Mã', 'Mức độ', 'Quy tắc', 'Trường', 'Nội dung cảnh báo', 'Đi tới ô'];
  const linkCol = headers.indexOf('Đi tới ô');

  // By document object, not file name: a combined workbook may hold two "plan.md" from different folders.
  const byTask = new Map<ConvertedDocument, Map<string, TaskRow>>();
  for (const r of rows) {
    let m = byTask.get(r.doc);
    if (!m) byTask.set(r.doc, (m = new Map<string, TaskRow>()));
    m.set(r.task.id, r);
  }

  /** One finding's line (built twice: for the widths, then for the rows, so the lines are never all held). */
  const line = (doc: ConvertedDocument, f: Finding): CellValue[] => {
    const row = byTask.get(doc)?.get(f.task);
    const target = row ? `${colLetter(tasks.col[FIELD_COLUMN[f.field]]!)}${row.sheetRow}` : null;
    const link: CellValue = target ? { formula: `HYPERLINK(${str(`#${sheetRef(SHEET.tasks)}!${target}`)},${str(target)})`, result: target } : null;
    return [
      row?.stt ?? null,
      ...(combined ? [row?.docLabel ?? doc.source.file] : []),
      row?.task.tt ?? null,
      SEVERITY[f.severity],
      RULES[f.rule]?.vi ?? f.rule,
      FIELD_LABEL[f.field],
      clip(f.messageVi),
      link,
    ];
  };
  const texts = (l: readonly CellValue[]): Array<string | null> => l.map((v) => (typeof v === 'string' ? v : null));

  let count = 0;
  const longest = headers.map(longestLine);
  for (const doc of docs) {
    for (const f of doc.findings) {
      count++;
      texts(line(doc, f)).forEach((t, j) => {
        longest[j] = Math.max(longest[j]!, longestLine(t));
      });
    }
  }
  // The message wraps at 60 (rows are sized for it): the sheet stays one A4 width at about 9 pt or more.
  const widths = headers.map((h, j) => (h === 'Nội dung cảnh báo' ? 60 : widthFor(longest[j]!, 7, 32)));
  // STT and Mã centred: a right-aligned number beside a left-aligned code printed as one ("1" "1.2" → "11.2").
  const centred = headers.map((h) => h === 'STT' || h === 'Mã');

  function* sheetRows(): Generator<Row> {
    yield { r: 1, cells: headers.map(headerCell) };
    let r = 1;
    for (const doc of docs) {
      for (const f of doc.findings) {
        r++;
        const l = line(doc, f);
        yield {
          r,
          height: fitHeightOf(texts(l), widths),
          cells: l.map((value, j) => ({ value, style: j === linkCol ? STYLE.link : centred[j] ? STYLE.textCentre : STYLE.text })),
        };
      }
    }
  }

  return {
    name: SHEET.findings,
    columns: widths,
    rows: sheetRows,
    view: { frozenRows: 1, topLeftCell: 'A2', activeCell: 'A2' },
    autoFilter: count > 0 ? `A1:${colLetter(headers.length)}${count + 1}` : undefined,
    page: printPage('1:1'),
  };
}
