/**
 * The `citypath` command. Each command lives in commands/NAME.ts, exports `command: Command`, and is listed
 * once in loadCommands() below (loaded lazily so that `citypath inventory` does not load the server).
 */
import type { Command, CommandIO } from "./io.ts";

const COMMANDS: Command[] = [];

function help(io: CommandIO): void {
  io.stdout.write(
    "citypath: plan, model, track and report a city's path to carbon neutrality\n\nCommands:\n",
  );
  for (const c of [...COMMANDS].sort((a, b) => a.name.localeCompare(b.name))) {
    io.stdout.write(`  ${c.name.padEnd(12)} ${c.summary}\n`);
  }
  io.stdout.write("\n`citypath help COMMAND` shows a command's options.\n");
}

async function loadCommands(): Promise<void> {
  if (COMMANDS.length) return;
  // One line per command module.
  const modules: Array<Promise<{ command: Command }>> = [
    // (command modules are added here, e.g. import("./commands/inventory.ts"))
    import("./commands/inventory.ts"),
    import("./commands/factors.ts"),
    import("./commands/pathway.ts"),
    import("./commands/optimize.ts"),
    import("./commands/mac.ts"),
    import("./commands/decompose.ts"),
    import("./commands/what-it-takes.ts"),
    import("./commands/serve.ts"),
    import("./commands/migrate-to.ts"),
    import("./commands/audit.ts"),
    import("./commands/report.ts"),
  ];
  for (const m of await Promise.all(modules)) COMMANDS.push(m.command);
}

export async function main(argv: string[], io: CommandIO): Promise<number> {
  await loadCommands();
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    const target = rest[0] && COMMANDS.find((c) => c.name === rest[0]);
    if (target) io.stdout.write(`${target.usage}\n`);
    else help(io);
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.stderr.write(`citypath: unknown command "${name}"\n`);
    help(io);
    return 2;
  }
  return cmd.run(rest, io);
}
