/**
 * An inventory's verification status: whether its figures have been checked by someone other than those who
 * compiled them (provisional until then). It is a fact recorded about an inventory version after the fact:
 * a published version's figures stay frozen, its verification may follow. The report's section II, the
 * public inventory pages and the staff workspace show it. Declared once here (its zod schema: schemas.ts).
 */
import type { Text } from "./text.ts";

export const INVENTORY_VERIFICATION_STATUSES = ["provisional", "verified"] as const;
export type InventoryVerificationStatus = (typeof INVENTORY_VERIFICATION_STATUSES)[number];

export const INVENTORY_VERIFICATION_LABELS: Readonly<Record<InventoryVerificationStatus, Text>> = {
  provisional: { ko: "잠정", en: "Provisional" },
  verified: { ko: "검증됨", en: "Verified" },
};
