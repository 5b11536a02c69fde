/**
 * The personal-data check of a contribution's text, before it is posted: phone numbers and email addresses
 * are warned about (the person may mean to publish an office number), a resident registration number
 * (주민등록번호) is refused (PIPA Art. 24-2: never collected without a statute requiring it).
 *
 * The text is read after Unicode NFKC normalisation, so full-width digits (０１０) and hyphens count as their
 * ASCII forms. A digit run only matches as a whole: 2030 or 20501231 inside a longer number are not phone
 * numbers.
 *
 * - Resident registration number: YYMMDD, an optional hyphen or space, then 7 digits whose first is 1 to 8
 *   (1-4 nationals, 5-8 registered foreigners); month 01-12 and day 01-31. The check digit is not required:
 *   numbers issued since October 2020 do not follow it.
 * - Phone: Korean mobile (010, 011, 016-019), Seoul (02), the other area codes (031-064), 070 internet
 *   phones and 050x safe numbers, with or without the +82 prefix, separated by hyphens, dots or spaces.
 *   Nationwide business numbers (15xx-xxxx, 16xx-xxxx, 18xx-xxxx) are public and not flagged.
 * - Email: something@domain.tld.
 */
import { type Problem, problem } from "../errors.ts";

export const PERSONAL_DATA_KINDS = ["resident_registration_number", "phone", "email"] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export interface PersonalDataFinding {
  readonly kind: PersonalDataKind;
  /** How many were found. */
  readonly count: number;
}

export interface PersonalDataCheck {
  /** Found and refused: the text cannot be posted. */
  readonly refused: readonly PersonalDataFinding[];
  /** Found and warned about: the person confirms before posting. */
  readonly warnings: readonly PersonalDataFinding[];
}

const SEP = "[-. ]?";
const RRN = new RegExp(
  `(?<![0-9])([0-9]{2})(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])${"[- ]?"}[1-8][0-9]{6}(?![0-9])`,
  "g",
);
const PHONE = new RegExp(
  [
    // +82 and the number without its leading 0
    `(?<![0-9+])\\+82${SEP}(?:10|1[16-9]|2|[3-6][1-5]|70)${SEP}[0-9]{3,4}${SEP}[0-9]{4}(?![0-9])`,
    `(?<![0-9])(?:01[016-9]|02|0[3-6][1-5]|070|050[2-8])${SEP}[0-9]{3,4}${SEP}[0-9]{4}(?![0-9])`,
  ].join("|"),
  "g",
);
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

function count(re: RegExp, s: string): number {
  return [...s.matchAll(re)].length;
}

const normalise = (text: string) => text.normalize("NFKC").replace(/[\u2010-\u2015\u2212]/g, "-");

/** What personal data the text contains. */
export function checkPersonalData(text: string): PersonalDataCheck {
  const s = normalise(text);
  const rrn = count(RRN, s);
  // a registration number is not also counted as a phone number
  const rest = rrn ? s.replace(RRN, " ") : s;
  const phones = count(PHONE, rest);
  const emails = count(EMAIL, rest);
  const refused: PersonalDataFinding[] = rrn ? [{ kind: "resident_registration_number", count: rrn }] : [];
  const warnings: PersonalDataFinding[] = [];
  if (phones) warnings.push({ kind: "phone", count: phones });
  if (emails) warnings.push({ kind: "email", count: emails });
  return { refused, warnings };
}

const MASK: Record<PersonalDataKind, string> = {
  resident_registration_number: "[주민등록번호]",
  phone: "[전화번호]",
  email: "[이메일]",
};

/**
 * The text with each phone number, email address and registration number the check finds replaced by a
 * bracketed word naming what was there ("[전화번호]"): how texts go into open data. The text is NFKC-normalised
 * first, as the check reads it.
 */
export function redactPersonalData(text: string): string {
  return normalise(text)
    .replace(RRN, MASK.resident_registration_number)
    .replace(PHONE, MASK.phone)
    .replace(EMAIL, MASK.email);
}

const WHAT: Record<PersonalDataKind, string> = {
  resident_registration_number: "a resident registration number",
  phone: "a phone number",
  email: "an email address",
};

/**
 * The check as problems at `path`: an error for each refused kind, a warning for each warned one (the
 * server posts a text with warnings only when the person has confirmed them).
 */
export function personalDataProblems(text: string, path = "text"): Problem[] {
  const r = checkPersonalData(text);
  return [
    ...r.refused.map((f) =>
      problem(
        "BAD_VALUE",
        `the text contains ${WHAT[f.kind]}; remove it (resident registration numbers are never collected)`,
        { path },
      ),
    ),
    ...r.warnings.map((f) =>
      problem("BAD_VALUE", `the text seems to contain ${WHAT[f.kind]}, which would become public`, {
        path,
        severity: "warning",
      }),
    ),
  ];
}
