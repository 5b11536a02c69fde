/**
 * Canonical-unit number types. Inside the core, quantities travel as plain numbers in the canonical unit
 * of their dimension (see DIMENSIONS); the brand says which, so a tonnes-of-gas number cannot be added to
 * a tonnes-of-CO2e number by mistake. Conversions happen only at the edges (parsing, presenting).
 */
import type { Brand } from "../vocabulary/ids.ts";

/** Tonnes of CO2 equivalent. */
export type TCO2e = Brand<number, "tCO2e">;
/** Tonnes of one gas (CO2, CH4, ...). */
export type TonnesGas = Brand<number, "t">;
/** Megajoules. */
export type MJ = Brand<number, "MJ">;
/** Korean won of a stated price year. */
export type KRW = Brand<number, "KRW">;

export const tco2e = (n: number) => n as TCO2e;
export const tonnesGas = (n: number) => n as TonnesGas;
export const megajoules = (n: number) => n as MJ;
export const krw = (n: number) => n as KRW;

/** A value with its unit, for the edges: what a file or a user wrote. */
export interface Quantity {
  readonly value: number;
  readonly unit: string;
}
