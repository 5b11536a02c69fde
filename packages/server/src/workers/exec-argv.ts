/**
 * The Node.js options a worker thread inherits. A worker takes its parent's `execArgv` (so that `--import tsx`
 * reaches it), but some options are the parent's alone and make a worker fail at start: `--input-type`
 * (allowed only with `--eval`), and `--eval`/`--print` with their code. Every pool passes this list.
 */
const PARENT_ONLY = /^(--input-type(=.*)?|--eval(=.*)?|-e|--print(=.*)?|-p)$/;
const TAKES_VALUE = new Set(["--input-type", "--eval", "-e", "--print", "-p"]);

export function workerExecArgv(argv: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (PARENT_ONLY.test(a)) {
      if (TAKES_VALUE.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}
