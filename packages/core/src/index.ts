export * from "./actions/interface.ts";
export * from "./actions/lifecycle.ts";
/** The agenda (plans, actions, indicators, progress) as a namespace: its record schemas share names with the pathway's. */
export * as agenda from "./agenda/index.ts";
/** The GHG-reduction budget (lines, classes, attribution, statements) as a namespace. */
export * as budget from "./budget/index.ts";
export * from "./decompose/index.ts";
export * from "./errors.ts";
export * from "./gwp/index.ts";
export * from "./inventory/index.ts";
export * from "./optimize/index.ts";
/** Participation (consultations, contributions, answers, moderation, figures) as a namespace. */
export * as participation from "./participation/index.ts";
export * from "./pathway/index.ts";
export * from "./tables.ts";
export * from "./uncertainty/index.ts";
export * from "./units/index.ts";
export * from "./vocabulary/index.ts";
