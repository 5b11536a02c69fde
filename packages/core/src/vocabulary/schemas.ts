/**
 * The zod schemas of the vocabulary's fixed lists. They live apart from the lists so that the web site's
 * public pages import sectors and statuses without zod.
 */
import { z } from "zod";
import { CalendarDateSchema, StoredNameSchema } from "./boundary.ts";
import { NOTATION_KEYS } from "./notation.ts";
import { ROLES } from "./roles.ts";
import { SCOPE2_INSTRUMENTS, SCOPE2_METHOD_IDS } from "./scope2.ts";
import { KR_SECTOR_IDS } from "./sectors.ts";
import { AGENDA_STATUSES, INVENTORY_STATUSES, MODEL_ACTION_STATUSES } from "./statuses.ts";
import { LocalTextSchema } from "./text.ts";
import { INVENTORY_VERIFICATION_STATUSES } from "./verification.ts";

/** A sector id: one of the seven, nothing else (the aliases of sectors.ts are not accepted in documents). */
export const KrSectorIdSchema = z.enum(KR_SECTOR_IDS);
export const AgendaStatusSchema = z.enum(AGENDA_STATUSES);
export const ModelActionStatusSchema = z.enum(MODEL_ACTION_STATUSES);
export const InventoryStatusSchema = z.enum(INVENTORY_STATUSES);
export const RoleSchema = z.enum(ROLES);
export const NotationKeySchema = z.enum(NOTATION_KEYS);
export const Scope2MethodSchema = z.enum(SCOPE2_METHOD_IDS);
export const Scope2InstrumentIdSchema = z.enum(SCOPE2_INSTRUMENTS.map((i) => i.id) as [string, ...string[]]);

/**
 * What is recorded: the status; for `verified`, who verified it (the body: a verification agency, the
 * national statistics' review) and on which day; `basis`, where the status comes from (a report, a
 * letter, a published statistic), or `illustrative: true` where it is an example.
 */
export const InventoryVerificationInputSchema = z
  .strictObject({
    status: z.enum(INVENTORY_VERIFICATION_STATUSES),
    verified_by: StoredNameSchema.min(1).nullable().default(null),
    verified_on: CalendarDateSchema.nullable().default(null),
    /** In Korean, with English where entered (a missing English is shown marked [ko]). */
    basis: LocalTextSchema,
    illustrative: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.status === "verified") {
      if (v.verified_by === null)
        ctx.addIssue({
          code: "custom",
          path: ["verified_by"],
          message: "a verified inventory names who verified it",
        });
      if (v.verified_on === null)
        ctx.addIssue({
          code: "custom",
          path: ["verified_on"],
          message: "a verified inventory says when it was verified",
        });
    } else {
      for (const k of ["verified_by", "verified_on"] as const)
        if (v[k] !== null)
          ctx.addIssue({
            code: "custom",
            path: [k],
            message: "a provisional inventory has not been verified",
          });
    }
  });

export type InventoryVerificationInput = z.output<typeof InventoryVerificationInputSchema>;
