import type { Doc } from '../model/doc.js';
import { emptyRaw, type RawTask } from '../model/raw.js';
import { parseLabels, type Label } from './labels.js';
import { headingRank, outline, type Item } from './outline.js';

/**
 * Tasks written as prose with labelled lines:
 *   a) Phổ biến tài liệu …
 *   - Cơ quan chủ trì: Sở Y tế.
 *   - Cơ quan phối hợp: Các sở, ngành liên quan.
 *   - Thời gian thực hiện: Thường xuyên.
 * A run of label lines is one task; its text is the nearest heading above
 * (or a "Nhiệm vụ:" label), its TT the heading numbers joined with dots.
 */
export function findLabelledTasks(doc: Doc, items: Item[] = outline(doc)): RawTask[] {
  const blocks = labelBlocks(items);
  // One label that happens to appear in a plan ("Thời gian thực hiện: năm 2026") is not a task list.
  if (!blocks.some((b) => b.labels.some((l) => l.field === 'lead'))) return [];

  const perHeading = new Map<number, number>();
  for (const b of blocks) if (b.heading >= 0) perHeading.set(b.heading, (perHeading.get(b.heading) ?? 0) + 1);
  const seenUnder = new Map<number, number>();

  const tasks: RawTask[] = [];
  for (const b of blocks) {
    // A caption with nothing but a text ("- Nhiệm vụ trọng tâm:" in a report outline) assigns nothing.
    if (b.labels.every((l) => l.field === 'content')) continue;
    // Labels written as a plain line after a list (not as one more bullet of it, which details one task).
    const listed = items[b.start]!.kind === 'text' ? bulletsAbove(items, b) : [];
    if (listed.length >= 2 && !b.labels.some((l) => l.field === 'content')) {
      // "- Việc A" / "- Việc B" / "Đơn vị chủ trì: X; Đơn vị phối hợp: Y": the labels below a list assign each item.
      const path = b.heading >= 0 ? headingPath(items, b.heading) : [];
      listed.forEach((it, k) => {
        const raw = emptyRaw('labelled', it.line, it.page);
        raw.content = it.text;
        raw.tt = [ttOf(path), String(k + 1)].filter(Boolean).join('.');
        raw.group = b.heading >= 0 ? items[b.heading]!.written : null;
        assign(raw, b.labels);
        tasks.push(raw);
      });
      continue;
    }
    const first = items[b.start]!;
    const raw = emptyRaw('labelled', first.line, first.page);
    const path = b.heading >= 0 ? headingPath(items, b.heading) : [];
    const head = b.heading >= 0 ? items[b.heading]! : null;
    const several = b.heading >= 0 && (perHeading.get(b.heading) ?? 0) > 1;
    const before = items[b.start - 1];
    const contentLabel = b.labels.find((l) => l.field === 'content');
    if (contentLabel && (!head || several || (contentLabel.value !== '' && isTopicHeading(head.text)))) {
      // "Nhiệm vụ: …" names the task when no heading of its own does.
      raw.content = contentLabel.value;
      raw.tt = ttOf(path);
      raw.group = groupOf(items, path, 1);
    } else if (several && before && before !== head && before.kind !== 'heading') {
      // Several label runs under one heading: each belongs to the item just above it.
      const k = (seenUnder.get(b.heading) ?? 0) + 1;
      seenUnder.set(b.heading, k);
      raw.content = before.text;
      raw.tt = [ttOf(path), String(k)].filter(Boolean).join('.');
      raw.group = head ? head.written : null;
    } else if (head) {
      raw.content = head.text;
      raw.tt = ttOf(path);
      raw.group = groupOf(items, path, 1);
    } else if (before) {
      raw.content = before.text;
    }
    raw.origin.line = head?.line ?? first.line;
    assign(raw, b.labels);
    tasks.push(raw);
  }
  return tasks;
}

function assign(raw: RawTask, labels: Label[]): void {
  for (const l of labels) {
    if (l.field === 'content' || l.field === 'tt' || l.field === 'note') continue;
    const prev = raw[l.field];
    raw[l.field] = prev ? `${prev}\n${l.value}` : l.value;
  }
}

/**
 * The "-" bullets right above a label block, under its heading, skipping
 * unlabelled lines between them and the block ("Lãnh đạo phụ trách: …").
 */
function bulletsAbove(items: Item[], b: LabelBlock): Item[] {
  const out: Item[] = [];
  let j = b.start - 1;
  while (j > b.heading && items[j]!.kind === 'text' && /:/.test(items[j]!.text) && out.length === 0) j--;
  for (; j > b.heading; j--) {
    const it = items[j]!;
    if (it.kind !== 'bullet' || it.mark === '+') break;
    out.unshift(it);
  }
  return j === b.heading ? out : [];
}

/**
 * A heading that names a topic, not a task ("Về các nền tảng số", "Kinh phí thực hiện", "Triển khai, phát
 * triển dữ liệu:"): the task is its "Nhiệm vụ:" text. A heading that reads as a task ("Rà soát văn bản quy
 * phạm pháp luật của tỉnh về khoáng sản") stays the task's text.
 */
function isTopicHeading(text: string): boolean {
  const t = text.replace(/[*_]/g, '').trim();
  return /^về\s/iu.test(t) || t.endsWith(':') || (t.split(/\s+/).length <= 4 && !TASK_VERB_START_RE.test(t));
}

/** A heading that opens with the verb of a task ("Phổ biến Luật", "Rà soát văn bản") names the task. */
const TASK_VERB_START_RE =
  /^(?:phổ biến|tổ chức|xây dựng|rà soát|triển khai|ban hành|tuyên truyền|kiểm tra|hoàn thiện|nâng cao|đẩy mạnh|tăng cường|thực hiện|hướng dẫn|tập huấn|đào tạo|sửa đổi|bổ sung|tổng kết|sơ kết|đánh giá|quán triệt|thành lập|kiện toàn|nghiên cứu|chuẩn bị|lập|trình|cập nhật|số hóa|số hoá)\s/iu;

interface LabelBlock {
  start: number;
  end: number;
  labels: Label[];
  /** Index of the nearest heading item above, or -1. */
  heading: number;
}

function labelBlocks(items: Item[]): LabelBlock[] {
  const blocks: LabelBlock[] = [];
  let heading = -1;
  let cur: LabelBlock | null = null;
  const add = (label: Label, i: number): void => {
    if (!cur || cur.labels.some((l) => l.field === label.field && label.field !== 'note')) {
      // A repeated label starts the next task (label runs without headings between).
      if (cur) blocks.push(cur);
      cur = { start: i, end: i, labels: [], heading };
    }
    cur.labels.push(label);
    cur.end = i;
  };
  // A label with nothing after its colon ("a) Nhiệm vụ:", "- Thời gian thực hiện:") takes the lines below it
  // as its value; one followed by more labels ("b) Cơ quan thực hiện:" over "- Đơn vị chủ trì: …") is a caption.
  let open: { label: Label; added: boolean } | null = null;
  items.forEach((item, i) => {
    const labels = parseLabels(item.text);
    if (labels.length === 0 && open && item.kind !== 'heading') {
      if (!open.added) {
        add(open.label, i);
        open.added = true;
      }
      open.label.value = open.label.value ? `${open.label.value} ${item.text}` : item.text;
      cur!.end = i;
      return;
    }
    open = null;
    if (labels.length === 1 && labels[0]!.value === '') {
      open = { label: labels[0]!, added: false };
      if (cur) cur.end = i;
      return;
    }
    if (labels.length) {
      for (const label of labels) add(label, i);
      return;
    }
    if (cur) {
      blocks.push(cur);
      cur = null;
    }
    if (item.kind === 'heading') heading = i;
  });
  if (cur) blocks.push(cur);
  return blocks;
}

/** The chain of headings that encloses item `i` (outermost first), ending with it. */
function headingPath(items: Item[], i: number): Item[] {
  const path: Item[] = [items[i]!];
  let r = headingRank(items[i]!.numKind!, items[i]!.num!);
  for (let j = i - 1; j >= 0 && r > 0; j--) {
    const it = items[j]!;
    if (it.kind !== 'heading') continue;
    const rj = headingRank(it.numKind!, it.num!);
    if (rj < r) {
      path.unshift(it);
      r = rj;
    }
  }
  return path;
}

/** TT from the heading numbers below the Roman level, joined with dots: "1" + "a" → "1.a"; "2" + "2.1" → "2.1". */
function ttOf(path: Item[]): string | null {
  let tt = '';
  for (const h of path) {
    if (h.numKind === 'roman' || h.numKind === 'upper') continue;
    const num = h.num!;
    if (tt && num.startsWith(`${tt}.`)) tt = num;
    else tt = tt ? `${tt}.${num}` : num;
  }
  return tt || null;
}

/** The heading `up` levels above the task, as written; Roman sections are not task groups. */
function groupOf(_items: Item[], path: Item[], up: number): string | null {
  const g = path[path.length - 1 - up];
  if (!g || g.numKind === 'roman' || g.numKind === 'upper') return null;
  return g.written;
}
