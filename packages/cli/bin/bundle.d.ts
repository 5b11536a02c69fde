// Types of bundle.js (plain JavaScript: it runs before any TypeScript loader).
export declare const ROOT: string;
export declare const DIST: string;
/** The current bundle's entry (a file: URL) when nothing it was built from changed; else undefined. */
export declare function freshEntry(dist?: string, root?: string): string | undefined;
/** Builds a new bundle into dist and makes it the current one; its entry (a file: URL). */
export declare function build(dist?: string, root?: string): Promise<string>;
/** The current bundle's entry, built first when there is none or it is stale. */
export declare function bundleEntry(dist?: string, root?: string): Promise<string>;
