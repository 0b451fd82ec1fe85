import { z } from 'zod';

/**
 * Who issues and signs the Word report: the letterhead, number, place and
 * date, "Kính gửi", the signature and "Nơi nhận". In: a settings object (a
 * JSON file's content, `--report-settings`) and the values typed as options,
 * which win. Out: ReportSettings, validated (unknown fields refused, so a
 * typo is told, not ignored), or a reason in Vietnamese and English naming
 * the field. Anything left out is printed as a dotted blank ("…"), as
 * offices leave it to fill in by hand. Pure.
 */

const text = z.string().trim().min(1);
const lines = z.union([text, z.array(text).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));
const isoDate = z.string().refine((s) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'expected a date as YYYY-MM-DD');

export const ReportSettings = z
  .object({
    /** Cơ quan chủ quản: "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH". */
    superior: text.optional(),
    /** Cơ quan ban hành: "SỞ Y TẾ". */
    issuer: text.optional(),
    /** Số, ký hiệu in full: "15/BC-SYT". */
    number: text.optional(),
    /** Ký hiệu alone, when the number is filled in at signing: "BC-SYT" → "Số: …/BC-SYT". */
    symbol: text.optional(),
    /** Địa danh: "Hà Tĩnh". */
    place: text.optional(),
    /** Ngày ban hành, YYYY-MM-DD. */
    date: isoDate.optional(),
    /** Kính gửi: one or more bodies. */
    to: lines.optional(),
    signer: z
      .object({
        /** Quyền hạn and chức vụ, one per line: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]. */
        title: lines.optional(),
        name: text.optional(),
      })
      .strict()
      .optional(),
    /** Nơi nhận after "- Như trên;": "UBND tỉnh (để báo cáo)". */
    recipients: lines.optional(),
    /** After "- Lưu:": "VT, KHTC". */
    archive: text.optional(),
    /** Đề xuất, kiến nghị: paragraphs written under that heading instead of dotted lines. */
    proposals: lines.optional(),
  })
  .strict();
export type ReportSettings = z.infer<typeof ReportSettings>;

export type SettingsResult =
  | { ok: true; settings: ReportSettings }
  /** `vi` / `en` name the source and the field; `why` is the reason alone (for a message of one's own). */
  | { ok: false; field: string; why: { vi: string; en: string }; vi: string; en: string };

const TYPE_VI: Record<string, string> = { string: 'một chuỗi chữ', array: 'một danh sách', object: 'một nhóm trường ({…})', number: 'một số' };

/** Validate a settings object; `source` names it in the message (the file). */
export function parseReportSettings(value: unknown, source: string): SettingsResult {
  const r = ReportSettings.safeParse(value);
  if (r.success) return { ok: true, settings: r.data };
  const issue = r.error.issues[0]!;
  const field = issue.path.length ? issue.path.join('.') : '(gốc)';
  const fieldEn = issue.path.length ? issue.path.join('.') : '(root)';
  let vi: string;
  let en: string;
  switch (issue.code) {
    case 'unrecognized_keys':
      vi = `trường không có trong mẫu: ${issue.keys.join(', ')} (các trường: ${Object.keys(ReportSettings.shape).join(', ')})`;
      en = `unknown field: ${issue.keys.join(', ')} (fields: ${Object.keys(ReportSettings.shape).join(', ')})`;
      return {
        ok: false,
        field: fieldEn,
        why: { vi, en },
        vi: `${source}: ${issue.path.length ? `trong "${field}", ` : ''}${vi}`,
        en: `${source}: ${issue.path.length ? `in "${fieldEn}", ` : ''}${en}`,
      };
    case 'invalid_type':
      vi = `phải là ${TYPE_VI[issue.expected] ?? issue.expected}`;
      en = `must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`;
      break;
    case 'too_small':
      vi = 'không được để trống';
      en = 'must not be empty';
      break;
    case 'invalid_union':
      vi = 'phải là một chuỗi chữ hoặc một danh sách chuỗi';
      en = 'must be a string or a list of strings';
      break;
    default:
      vi = issue.message === 'expected a date as YYYY-MM-DD' ? 'phải là ngày dạng YYYY-MM-DD' : 'không hợp lệ';
      en = issue.message;
  }
  return { ok: false, field: fieldEn, why: { vi, en }, vi: `${source}: trường "${field}" ${vi}`, en: `${source}: field "${fieldEn}" ${en}` };
}

/** Settings from a file, then the options typed on the command line over them (a field at a time). */
export function mergeSettings(file: ReportSettings, options: ReportSettings): ReportSettings {
  const signer = { ...file.signer, ...options.signer };
  return { ...file, ...options, ...(Object.keys(signer).length ? { signer } : {}) };
}
