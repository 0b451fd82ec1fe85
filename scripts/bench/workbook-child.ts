/**
 * One workbook write in a fresh process, so its peak memory (max RSS) is the
 * workbook's own: `tsx scripts/bench/workbook-child.ts <tasks>` prints
 * {"ms":…,"rssMb":…,"bytes":…}.
 */
import { writeWorkbook } from '../../pipeline/write/workbook.js';
import type { ConvertedDocument } from '../../pipeline/model/document.js';
import type { Task } from '../../pipeline/model/task.js';

const n = Number(process.argv[2] ?? 1000);
const agencies = ['Sở Y tế', 'Sở Tài chính', 'Sở Nội vụ', 'Sở Xây dựng', 'Công an tỉnh', 'UBND các xã, phường'];
const kinds: Array<Task['deadline']> = [
  { raw: 'Quý II/2026', kind: 'quarter', start: null, end: '2026-06-30', recurring: false },
  { raw: 'Thường xuyên', kind: 'recurring', start: null, end: null, recurring: true },
  { raw: '30/9/2026', kind: 'date', start: null, end: '2026-09-30', recurring: false },
];
const tasks: Task[] = Array.from({ length: n }, (_, i) => {
  const lead = [agencies[i % agencies.length]!];
  const support = [agencies[(i + 1) % agencies.length]!, agencies[(i + 2) % agencies.length]!];
  return {
    id: `T${i + 1}`,
    tt: String(i + 1),
    group: `Nhóm ${Math.floor(i / 50) + 1}`,
    content: `Nhiệm vụ số ${i + 1}: xây dựng, triển khai và báo cáo kết quả thực hiện kế hoạch trên địa bàn tỉnh`,
    lead,
    support,
    leadCanonical: lead,
    supportCanonical: support,
    deadline: kinds[i % kinds.length]!,
    approval: 'UBND tỉnh',
    product: null,
    origin: { kind: 'table', page: null, line: i + 1 },
  };
});
const doc: ConvertedDocument = {
  source: { file: 'bench.txt', format: 'txt' },
  document: { title: 'Kế hoạch', number: null, issuer: null, date: null },
  tasks,
  findings: [],
};
const t0 = performance.now();
const bytes = await writeWorkbook([doc], { asOf: '2026-07-01' });
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, bytes: bytes.length }));
