/**
 * The columns of the activity and factor files (CSV or XLSX), as read by the inventory engine and written
 * by the exports: required first, in the order an export writes them. docs/formats.md is generated from
 * these lists.
 */
export const ACTIVITY_COLUMNS = {
  required: ["year", "gpc_ref", "activity", "amount", "unit"],
  optional: [
    "district",
    "source",
    "quality",
    "note",
    "instrument",
    "instrument_factor",
    "instrument_factor_unit",
  ],
} as const;

export const FACTOR_COLUMNS = {
  required: ["activity", "gas", "factor", "unit"],
  optional: [
    "gpc_ref",
    "year",
    "valid_from",
    "valid_to",
    "ncv",
    "ncv_unit",
    "ncv_source",
    "source",
    "source_year",
    "note",
    "scope2_method",
  ],
} as const;

/** Every column of an activity file, in the order an export writes them. */
export const ACTIVITY_FILE_COLUMNS = [...ACTIVITY_COLUMNS.required, ...ACTIVITY_COLUMNS.optional] as const;
/** Every column of a factor file, in the order an export writes them. */
export const FACTOR_FILE_COLUMNS = [...FACTOR_COLUMNS.required, ...FACTOR_COLUMNS.optional] as const;
