/**
 * Shared pieces of the waste action types: where the waste would have gone, and the GPC line of that
 * treatment (III.1 solid waste disposal, III.3 incineration; x.1 inside the city, x.2 outside).
 */
import { z } from "zod";

export const DISPOSAL_REFS = {
  landfill_in_city: "III.1.1",
  landfill_outside: "III.1.2",
  incineration_in_city: "III.3.1",
  incineration_outside: "III.3.2",
} as const;

export const disposalSchema = z.enum([
  "landfill_in_city",
  "landfill_outside",
  "incineration_in_city",
  "incineration_outside",
]);
export type Disposal = z.output<typeof disposalSchema>;
