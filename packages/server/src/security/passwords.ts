/**
 * Password rules for sign-up and reset: at least MIN_PASSWORD_LENGTH characters, at most 128, and not a
 * common password (common-passwords.txt, shipped with the project; nothing is looked up on the network).
 */
import { readFileSync } from "node:fs";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

const WORDS: ReadonlySet<string> = new Set(
  readFileSync(new URL("./common-passwords.txt", import.meta.url), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#")),
);

const LEET: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
};

/** Increasing or decreasing runs of digits or letters ("123456789", "abcdefgh", "987654"). */
function isSequence(s: string): boolean {
  if (s.length < 4) return false;
  const d = s.charCodeAt(1) - s.charCodeAt(0);
  if (d !== 1 && d !== -1) return false;
  for (let i = 2; i < s.length; i++) if (s.charCodeAt(i) - s.charCodeAt(i - 1) !== d) return false;
  return true;
}

/** The same unit repeated ("abcabcabc", "qwertyqwerty"); returns the unit. */
function repeatedUnit(s: string): string {
  for (let n = 1; n <= s.length / 2; n++)
    if (s.length % n === 0 && s.slice(0, n).repeat(s.length / n) === s) return s.slice(0, n);
  return s;
}

function candidates(password: string): string[] {
  const lower = password.toLowerCase();
  const stripped = lower.replace(/^[^a-z]+|[^a-z]+$/g, "");
  const leet = [...lower].map((c) => LEET[c] ?? c).join("");
  const leetStripped = leet.replace(/^[^a-z]+|[^a-z]+$/g, "");
  const leetL = [...lower].map((c) => (c === "1" ? "l" : (LEET[c] ?? c))).join("");
  const strippedLeet = [...stripped].map((c) => LEET[c] ?? c).join("");
  return [lower, stripped, leet, leetStripped, leetL, leetL.replace(/^[^a-z]+|[^a-z]+$/g, ""), strippedLeet];
}

/** Why a password is refused (a sentence for the user), or undefined when it is acceptable. */
export function passwordProblem(
  password: string,
  context: { email?: string; name?: string } = {},
): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `The password must have at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (new Set(lower).size <= 2) return "The password repeats one or two characters; choose a longer phrase.";
  if (isSequence(lower)) return "The password is a run of letters or digits.";
  for (const c of candidates(password)) {
    if (c === "") return "The password is only digits and symbols around nothing; choose a phrase.";
    const unit = repeatedUnit(c);
    if (WORDS.has(c) || WORDS.has(unit) || isSequence(c) || isSequence(unit))
      return "The password is one of the most common passwords; choose another.";
  }
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local))
    return "The password contains your email address; choose another.";
  return undefined;
}
