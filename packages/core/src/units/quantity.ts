/**
 * Inside the core, quantities travel as plain numbers in the canonical unit of their dimension (see
 * DIMENSIONS), named by suffix (`_tco2e`, `_krw`, `_mj`, `_t`): docs/decisions/0026-units-travel-as-name-suffixes.md.
 * Conversions happen only at the edges (parsing, presenting).
 */

/** A value with its unit, for the edges: what a file or a user wrote. */
export interface Quantity {
  readonly value: number;
  readonly unit: string;
}
