/**
 * A small, strict argument parser: `--name value`, `--name=value`, repeated flags collected, boolean flags
 * declared. Unknown flags are an error that names them, never ignored.
 */
export interface ArgSpec {
  /** Flags that take a value. */
  readonly values?: readonly string[];
  /** Flags that may be repeated (values collected in order). */
  readonly repeated?: readonly string[];
  /** Flags without a value. */
  readonly booleans?: readonly string[];
}

export interface ParsedArgs {
  readonly values: Record<string, string>;
  readonly repeated: Record<string, string[]>;
  readonly booleans: Set<string>;
  readonly positional: string[];
}

export type ArgsResult = { ok: true; args: ParsedArgs } | { ok: false; error: string };

export function parseArgs(argv: readonly string[], spec: ArgSpec): ArgsResult {
  const values: Record<string, string> = {};
  const repeated: Record<string, string[]> = {};
  const booleans = new Set<string>();
  const positional: string[] = [];
  const takesValue = new Set([...(spec.values ?? []), ...(spec.repeated ?? [])]);
  const isRepeated = new Set(spec.repeated ?? []);
  const isBoolean = new Set(spec.booleans ?? []);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (isBoolean.has(name)) {
      if (eq > 0) return { ok: false, error: `--${name} takes no value` };
      booleans.add(name);
      continue;
    }
    if (!takesValue.has(name)) return { ok: false, error: `unknown option --${name}` };
    let v: string | undefined;
    if (eq > 0) v = a.slice(eq + 1);
    else {
      v = argv[i + 1];
      i++;
    }
    if (v === undefined || (eq < 0 && v.startsWith("--")))
      return { ok: false, error: `--${name} needs a value` };
    if (isRepeated.has(name)) {
      const list = repeated[name] ?? [];
      list.push(v);
      repeated[name] = list;
    } else {
      if (name in values) return { ok: false, error: `--${name} was given twice` };
      values[name] = v;
    }
  }
  return { ok: true, args: { values, repeated, booleans, positional } };
}
