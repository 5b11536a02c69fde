// Types of sources-plugin.js (plain JavaScript: it runs before any TypeScript loader).
import type { BuildOptions, Plugin } from "esbuild";

/** The esbuild plugin that builds the workspace's sources; `import.meta.url` stays each source's address. */
export declare function sourcesPlugin(opts: {
  name: string;
  /** The JavaScript expression of a source file's address (its path absolute). */
  sourceUrl: (path: string) => string;
  /** Whether a file keeps the built module's own `import.meta.url`. */
  ownUrl?: (path: string, src: string) => boolean;
}): Plugin;
/** The options both builds share. */
export declare const BUILD_OPTIONS: BuildOptions;
