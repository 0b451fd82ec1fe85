import { ConvertedDocument } from '../model/document.js';

/**
 * The JSON contract of DESIGN §6, two-space indented, one document per file.
 *
 * The document goes through the zod schema first: parsing both refuses a
 * document that breaks the contract (better no file than a file other tools
 * misread) and drops keys the schema does not know, so the output holds
 * exactly source, document, tasks and findings, in schema order.
 */
export function toJson(doc: ConvertedDocument): string {
  const checked = ConvertedDocument.safeParse(doc);
  if (!checked.success) {
    // One line, so the CLI can print it as the reason for this file.
    const where = checked.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    const more = checked.error.issues.length > 3 ? ` (+${checked.error.issues.length - 3})` : '';
    throw new Error(`JSON output does not match the contract: ${where}${more}`);
  }
  return `${JSON.stringify(checked.data, null, 2)}\n`;
}
