// Types of scripts/test-bundle.mjs for the TypeScript that imports it (its test).

/** Builds the test files (relative to the root) into a new folder: the built file of each, and the folder. */
export function bundleTests(files: string[]): Promise<{ dir: string; built: Map<string, string> }>;

/** The source file (relative to the root) of a test file as the test runner names it. */
export function sourceFile(file: string): string;
