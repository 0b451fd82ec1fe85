import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { createPageOcr } from '../node/ocr/index.js';
import type { Task } from '../model/task.js';
import { expandInputs } from '../node/files.js';
import { formatFailure } from '../cli/failure.js';
import { failureOf as describeFailure } from '../node/job.js';
import { loadConvert } from '../cli/core.js';
import { debugEnabled, type Io } from '../cli/io.js';
import { EXIT_FAILED, EXIT_OK, parseCommandArgs, UsageError } from '../cli/usage.js';
import { GoldFile, goldId } from './gold.js';
import { passesStrict, scoreDocument, totalScore, type DocScore } from './score.js';
import { formatReport, setTotals, type EvalDocument, type EvalResult } from './report.js';

/**
 * `eval`: convert every input that has a gold file and score it. The report
 * goes to stdout (a table, or JSON with --json); notes about skipped or
 * failed inputs go to stderr so --json output stays parseable.
 */
export async function runEval(argv: readonly string[], io: Io): Promise<number> {
  const opts = parseEvalArgs(argv);
  const convertDocument = await loadConvert();
  const ocr = createPageOcr({ mode: 'auto', parallel: Math.max(1, availableParallelism()) });
  const { files, problems } = await expandInputs(opts.inputs);
  let broken = problems.length;
  for (const p of problems) io.stderr.write(`✗ ${p.path}: không tìm thấy tệp đầu vào / no input found there\n`);

  const documents: EvalDocument[] = [];
  for (const input of files) {
    const name = path.basename(input.path);
    const goldPath = await findGold(input.path, goldId(name), opts.gold);
    if (goldPath === null) {
      io.stderr.write(`– ${input.path}: không có đáp án ${goldId(name)}.json, bỏ qua / no gold file, skipped\n`);
      continue;
    }
    let gold: GoldFile;
    try {
      gold = GoldFile.parse(JSON.parse(await readFile(goldPath, 'utf8')));
    } catch (e) {
      broken++;
      io.stderr.write(`${formatFailure(goldPath, { ...describeFailure(e), vi: 'đáp án không hợp lệ', en: 'invalid gold file' })}\n`);
      continue;
    }
    let tasks: Task[] = [];
    let error: string | undefined;
    try {
      const bytes = new Uint8Array(await readFile(input.path));
      // Scans are scored as the command line reads them: with OCR, pages side by side.
      tasks = (await convertDocument(name, bytes, { ocr })).tasks;
    } catch (e) {
      // Scored as "nothing found": the row scores show the damage.
      const f = describeFailure(e);
      error = `${f.vi} / ${f.en}${f.detail ? ` (${f.detail})` : ''}`;
      io.stderr.write(`${formatFailure(input.path, f)}\n`);
      if (debugEnabled(io) && f.stack) io.stderr.write(`${f.stack}\n`);
    }
    const score: DocScore = scoreDocument(gold.rows, tasks, { partial: gold.partial === true });
    documents.push({ file: input.path, gold: goldPath, ...(error ? { error } : {}), score, goldRows: gold.rows, tasks });
  }

  const total = totalScore(documents.map((d) => d.score));
  const result: EvalResult = {
    documents,
    total,
    strict: opts.strict,
    passed: documents.every((d) => passesStrict(d.score)),
  };
  if (opts.json) {
    io.stdout.write(`${JSON.stringify(toJsonReport(result), null, 2)}\n`);
  } else if (documents.length > 0) {
    io.stdout.write(formatReport(result, { verbose: opts.verbose }));
  }

  if (documents.length === 0) {
    // Nothing scored is never a pass: a wrong path or a moved gold folder would otherwise look green.
    io.stderr.write('eval: không có văn bản nào có đáp án / no input has a gold file\n');
    return EXIT_FAILED;
  }
  if (broken > 0) return EXIT_FAILED;
  return opts.strict && !result.passed ? EXIT_FAILED : EXIT_OK;
}

interface EvalArgs {
  inputs: string[];
  gold?: string;
  strict: boolean;
  json: boolean;
  verbose: boolean;
}

function parseEvalArgs(argv: readonly string[]): EvalArgs {
  const parsed = parseCommandArgs(argv, {
    gold: { type: 'string' },
    strict: { type: 'boolean' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const { values, positionals } = parsed;
  if (values.gold !== undefined && values.gold.trim() === '') throw new UsageError('--gold trống', '--gold is empty');
  return {
    inputs: positionals.length > 0 ? positionals : ['samples'],
    ...(values.gold === undefined ? {} : { gold: values.gold }),
    strict: values.strict ?? false,
    json: values.json ?? false,
    verbose: values.verbose ?? false,
  };
}

/** gold/<id>.json in --gold, or in the nearest "gold" folder from the input's folder upwards. */
async function findGold(input: string, id: string, goldDir: string | undefined): Promise<string | null> {
  const isFile = async (p: string): Promise<boolean> => (await stat(p).catch(() => null))?.isFile() === true;
  if (goldDir !== undefined) {
    const p = path.join(goldDir, `${id}.json`);
    return (await isFile(p)) ? p : null;
  }
  let dir = path.dirname(path.resolve(input));
  for (;;) {
    const p = path.join(dir, 'gold', `${id}.json`);
    if (await isFile(p)) return path.relative(process.cwd(), p) || p;
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** --json: scores and mismatches, without the full gold rows and tasks. */
function toJsonReport(r: EvalResult): unknown {
  return {
    documents: r.documents.map(({ goldRows: _g, tasks: _t, ...d }) => d),
    sets: setTotals(r.documents),
    total: r.total,
    strict: r.strict,
    passed: r.passed,
  };
}
