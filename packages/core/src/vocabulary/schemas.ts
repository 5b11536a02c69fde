/**
 * The zod schemas of the vocabulary's fixed lists. They live apart from the lists so that the web site's
 * public pages import sectors and statuses without zod.
 */
import { z } from "zod";
import { NOTATION_KEYS } from "./notation.ts";
import { SCOPE2_INSTRUMENTS, SCOPE2_METHOD_IDS } from "./scope2.ts";
import { KR_SECTOR_IDS } from "./sectors.ts";
import { AGENDA_STATUSES, MODEL_ACTION_STATUSES } from "./statuses.ts";

/** A sector id: one of the seven, nothing else (the aliases of sectors.ts are not accepted in documents). */
export const KrSectorIdSchema = z.enum(KR_SECTOR_IDS);
export const AgendaStatusSchema = z.enum(AGENDA_STATUSES);
export const ModelActionStatusSchema = z.enum(MODEL_ACTION_STATUSES);
export const NotationKeySchema = z.enum(NOTATION_KEYS);
export const Scope2MethodSchema = z.enum(SCOPE2_METHOD_IDS);
export const Scope2InstrumentIdSchema = z.enum(SCOPE2_INSTRUMENTS.map((i) => i.id) as [string, ...string[]]);
