/**
 * A city's settings: one document per tenant, each key declared here with the schema of the module that
 * reads it. A key that is not declared is refused where settings are written (the API), so every setting a
 * city holds is one the code knows.
 */
import { z } from "zod";
import { LegalCalendarSchema } from "./agenda/calendar.ts";
import { DepartmentIdSchema } from "./agenda/schema.ts";
import { BudgetSettingsSchema } from "./budget/schema.ts";
import { ReportSettingsSchema } from "./report/schema.ts";
import { StoredTextSchema } from "./vocabulary/boundary.ts";
import { LANGUAGES } from "./vocabulary/text.ts";

export const TenantSettingsSchema = z.strictObject({
  /** The language the city's pages open in. */
  default_locale: z.enum(LANGUAGES).optional(),
  /**
   * The departments (ids in the agenda's department register, decision 0083) whose editors change the model
   * instances (scenarios, action levels and parameters); absent or empty: the tenant's admins only. The
   * departments themselves are the register's, not a setting.
   */
  model_owners: z.array(DepartmentIdSchema).max(50).optional(),
  /** The licence under which the city publishes its open data (shown with every download). */
  open_data_licence: StoredTextSchema.optional(),
  /** True for the demonstration city (illustrative data in places). */
  demo: z.boolean().optional(),
  /** The GHG-reduction budget (budget/schema.ts); absent: the city keeps no budget statements. */
  budget: BudgetSettingsSchema.optional(),
  /** Implementation reports, over DEFAULT_REPORT_SETTINGS (report/schema.ts). */
  report: ReportSettingsSchema.partial().optional(),
  /** The legal deadlines reminders follow (agenda/calendar.ts); absent: the default calendar. */
  legal_calendar: LegalCalendarSchema.optional(),
});

export type TenantSettings = z.infer<typeof TenantSettingsSchema>;
