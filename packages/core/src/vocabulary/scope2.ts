/**
 * Scope 2 both ways (GHG Protocol Scope 2 Guidance, 2015): the two methods every Scope 2 figure is reported
 * by, and the contractual instruments an electricity row may name for the market-based one. Declared once
 * here; the inventory, the pathway, the targets and the labels of the CLI, API and web import them.
 */
import type { Text } from "./text.ts";

/** location_based: the grid average factor; market_based: contractual instruments, else the residual mix. */
export const SCOPE2_METHOD_IDS = ["location_based", "market_based"] as const;
export type Scope2Method = (typeof SCOPE2_METHOD_IDS)[number];

/** What each method means, as the JSON documents state it. */
export const SCOPE2_METHOD_TEXT: Readonly<Record<Scope2Method, string>> = {
  location_based:
    "location_based: grid electricity at the grid average factor (as Korea's inventories count it)",
  market_based:
    "market_based: electricity covered by a contractual instrument at the instrument's factor, the rest at the residual-mix factor where one is given (else the grid average, stated as an assumption), GHG Protocol Scope 2 Guidance",
};

/** The short labels tables and charts put beside a figure. */
export const SCOPE2_METHOD_LABELS: Readonly<Record<Scope2Method, Text>> = {
  location_based: { ko: "지역 기반", en: "location-based" },
  market_based: { ko: "시장 기반", en: "market-based" },
};

/**
 * The contractual instruments of Korea's renewable-electricity market (K-RE100's means of meeting it) and a
 * supplier's own factor. `aliases` are what an activity file may write (matched case- and space-insensitively).
 */
export const SCOPE2_INSTRUMENTS = [
  {
    id: "rec",
    name: { ko: "REC 구매", en: "Renewable energy certificate (REC) purchase" },
    aliases: ["rec", "rec purchase", "rec구매", "재생에너지 공급인증서"],
  },
  {
    id: "green_premium",
    name: { ko: "녹색프리미엄", en: "Green premium (녹색프리미엄)" },
    aliases: ["녹색프리미엄", "green premium", "green_premium"],
  },
  {
    id: "ppa_third_party",
    name: { ko: "제3자 PPA", en: "Third-party PPA" },
    aliases: ["제3자ppa", "제3자 ppa", "third-party ppa", "ppa_third_party"],
  },
  {
    id: "ppa_direct",
    name: { ko: "직접 PPA", en: "Direct PPA" },
    aliases: ["직접ppa", "직접 ppa", "direct ppa", "ppa_direct"],
  },
  {
    id: "supplier_specific",
    name: { ko: "공급자별 배출계수", en: "Supplier-specific factor" },
    aliases: ["공급자별", "공급자별 배출계수", "supplier-specific", "supplier_specific"],
  },
] as const satisfies ReadonlyArray<{ id: string; name: Text; aliases: readonly string[] }>;

export type Scope2InstrumentId = (typeof SCOPE2_INSTRUMENTS)[number]["id"];

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
const BY_NAME = new Map<string, Scope2InstrumentId>(
  SCOPE2_INSTRUMENTS.flatMap((i) => [i.id, ...i.aliases].map((n) => [norm(n), i.id] as const)),
);

/** The instrument an activity file's cell names, or undefined when it names none of them. */
export function scope2InstrumentOf(text: string): Scope2InstrumentId | undefined {
  return BY_NAME.get(norm(text));
}
