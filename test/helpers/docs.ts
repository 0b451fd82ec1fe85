import type { ConvertedDocument } from '../../pipeline/model/document.js';
import type { Finding } from '../../pipeline/model/finding.js';
import type { Task } from '../../pipeline/model/task.js';

/** A valid task with every field filled plainly; override what a test is about. */
export function makeTask(over: Partial<Task> = {}): Task {
  return {
    id: 't1',
    tt: '1',
    group: null,
    content: 'Xây dựng Kế hoạch triển khai',
    lead: ['Sở Y tế'],
    support: ['Sở Tài chính'],
    leadCanonical: ['Sở Y tế'],
    supportCanonical: ['Sở Tài chính'],
    deadline: { raw: 'Quý II/2026', kind: 'quarter', start: null, end: '2026-06-30', recurring: false },
    approval: 'UBND tỉnh',
    product: null,
    origin: { kind: 'table', page: 1, line: 10 },
    ...over,
  };
}

export function makeFinding(over: Partial<Finding> = {}): Finding {
  return {
    task: 't1',
    field: 'deadline',
    rule: 'deadline.vague',
    severity: 'warning',
    message: 'Thời hạn không cụ thể / Vague deadline',
    messageVi: 'Thời hạn không cụ thể',
    messageEn: 'Vague deadline',
    ...over,
  };
}

export function makeDoc(tasks: Task[] = [makeTask()], findings: Finding[] = [], file = 'ke-hoach.txt'): ConvertedDocument {
  return {
    source: { file, format: 'txt' },
    document: { title: 'Kế hoạch', number: '12/KH-UBND', issuer: 'UBND tỉnh', date: null },
    tasks,
    findings,
  };
}
