import { ROLLUP_HELP } from './rollup-help.js';
import { CONVERT_HELP, EVAL_HELP, MAIN_HELP } from './help.js';
import { installFault, REINSTALL } from '../node/install-fault.js';
import { debugEnabled, type Io } from './io.js';
import { EXIT_FAILED, EXIT_OK, reportUsage, UsageError, wantsHelp } from './usage.js';

/**
 * A command: its help and what it does with the arguments after its name.
 * New commands (rollup, …) are one more entry in COMMANDS. A command's code is
 * imported when it runs, not at start-up: `--help`, a usage error and each
 * command load only what they need (the readers, exceljs and pdf.js load later
 * still, with the first file that needs them).
 */
interface Command {
  help: string;
  run(argv: readonly string[], io: Io): Promise<number>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  convert: { help: CONVERT_HELP, run: async (argv, io) => (await import('./convert-command.js')).runConvert(argv, io) },
  rollup: { help: ROLLUP_HELP, run: async (argv, io) => (await import('./rollup-command.js')).runRollup(argv, io) },
  eval: { help: EVAL_HELP, run: async (argv, io) => (await import('../eval/run.js')).runEval(argv, io) },
};

/** The whole CLI, from arguments to exit code. Never throws: every problem becomes a line and a code. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined) {
      throw new UsageError('thiếu lệnh (convert, rollup, eval)', 'missing command (convert, rollup, eval)');
    }
    if (first === '--help' || first === '-h') return printHelp(io, MAIN_HELP);
    if (first === 'help') {
      const topic = rest[0] === undefined ? undefined : COMMANDS[rest[0]];
      return printHelp(io, topic?.help ?? MAIN_HELP);
    }
    if (first.startsWith('-')) throw new UsageError(`tùy chọn không rõ: ${first}`, `unknown option: ${first}`);
    const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
    if (command === undefined) throw new UsageError(`lệnh không rõ: ${first}`, `unknown command: ${first}`);
    if (wantsHelp(rest)) return printHelp(io, command.help);
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) return reportUsage(io, e);
    // A fault of ours, not of an input: still one line, the stack only on request.
    const message = e instanceof Error ? e.message : String(e);
    const what = installFault(e)
      ? `không nạp được phần mã của chương trình (${REINSTALL.vi}) / could not load part of the program (${REINSTALL.en})`
      : 'lỗi không mong đợi / unexpected error';
    io.stderr.write(`phuluc: ${what}: ${message.split('\n')[0]}\n`);
    if (debugEnabled(io) && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return EXIT_FAILED;
  }
}

function printHelp(io: Io, text: string): number {
  io.stdout.write(text);
  return EXIT_OK;
}
