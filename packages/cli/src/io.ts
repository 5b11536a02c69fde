/** What a command needs from its environment; passed in so commands are testable without a process. */
export interface CommandIO {
  /** Directory that relative paths resolve against. */
  readonly cwd: string;
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
}

export type Command = {
  readonly name: string;
  /** One line for the help listing. */
  readonly summary: string;
  /** Full usage text printed by `citypath help NAME` and on usage errors. */
  readonly usage: string;
  /** Returns the process exit code: 0 ok, 1 failure, 2 bad input. */
  run(argv: string[], io: CommandIO): Promise<number>;
};
