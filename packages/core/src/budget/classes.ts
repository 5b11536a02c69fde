/**
 * Class schemes: the canonical four classes (Seoul's 감축/배출/혼합/중립) and the schemes other governments
 * use, each a mapping from the canonical class (and, for Gyeongnam, the reduction's aim) to its own classes,
 * and the classes its statement is written for. Sources: REPORTING.md §B.3 (Seoul: waterjournal idxno=70183;
 * Jeonbuk: jbcnc.kr; Gyeongnam: cmaruWeb/gcnc inventory.php; central: opengov.seoul.go.kr 26404148).
 */
import { CitypathError, problem } from "../errors.ts";
import type { BudgetClass, BudgetLine, LocalText } from "./schema.ts";

export interface SchemeClass {
  readonly id: string;
  readonly name: LocalText;
  /** A colour tag (Jeonbuk's green/red/grey), for charts and the statement. */
  readonly color: string;
}

export interface ClassScheme {
  readonly id: string;
  readonly name: LocalText;
  /** In statement order. */
  readonly classes: readonly SchemeClass[];
  /** The scheme class of each canonical class; `reduction` may depend on the reduction's aim. */
  readonly map: (line: Pick<BudgetLine, "class" | "reduction">) => string;
  /** Classes the scheme writes a line-by-line statement for. */
  readonly statementClasses: readonly string[];
  /** Mapping choices the source does not state, shown in the statement. */
  readonly assumptions: readonly LocalText[];
}

const c = (id: string, ko: string, en: string, color: string): SchemeClass => ({
  id,
  name: { ko, en },
  color,
});

export const CANONICAL_CLASS_NAMES: Record<BudgetClass, LocalText> = {
  reduction: { ko: "감축", en: "Reduction" },
  emission: { ko: "배출", en: "Emission" },
  mixed: { ko: "혼합", en: "Mixed" },
  neutral: { ko: "중립", en: "Neutral" },
};

export const CLASS_SCHEMES: Record<string, ClassScheme> = {
  seoul: {
    id: "seoul",
    name: { ko: "서울시 기후예산제 (4분류)", en: "Seoul climate budget (four classes)" },
    classes: [
      c("reduction", "감축", "Reduction", "#1b7f3b"),
      c("emission", "배출", "Emission", "#b3261e"),
      c("mixed", "혼합", "Mixed", "#a05a00"),
      c("neutral", "중립", "Neutral", "#5f6368"),
    ],
    map: (l) => l.class,
    statementClasses: ["reduction", "emission", "mixed"],
    assumptions: [],
  },
  jeonbuk: {
    id: "jeonbuk",
    name: {
      ko: "전북특별자치도 온실가스감축인지 예산 (3분류)",
      en: "Jeonbuk GHG-reduction budget (three classes)",
    },
    classes: [
      c("reduction", "감축", "Reduction", "#1b7f3b"),
      c("emission", "배출", "Emission", "#b3261e"),
      c("neutral", "중립", "Neutral", "#5f6368"),
    ],
    map: (l) => (l.class === "mixed" ? "emission" : l.class),
    statementClasses: ["reduction", "emission"],
    assumptions: [
      {
        ko: "혼합 사업은 배출로 분류함 (전북 3분류에 혼합이 없어 정한 가정)",
        en: "Mixed lines are counted as emission (an assumption: Jeonbuk's three classes have no mixed class)",
      },
    ],
  },
  gyeongnam: {
    id: "gyeongnam",
    name: {
      ko: "경상남도 온실가스감축인지 예산 (4분류)",
      en: "Gyeongnam GHG-reduction budget (four classes)",
    },
    classes: [
      c("friendly_policy", "기후친화 (기후정책사업)", "Climate-friendly (climate policy)", "#1b7f3b"),
      c("friendly_partial", "기후친화 (부분감축사업)", "Climate-friendly (partial reduction)", "#4c9a5f"),
      c("negative", "기후부정영향", "Negative climate impact", "#b3261e"),
      c("potential", "기후잠재영향", "Potential climate impact", "#a05a00"),
      c("neutral", "기후중립", "Climate-neutral", "#5f6368"),
    ],
    map: (l) =>
      l.class === "reduction"
        ? l.reduction?.aim === "partial"
          ? "friendly_partial"
          : "friendly_policy"
        : l.class === "emission"
          ? "negative"
          : l.class === "mixed"
            ? "potential"
            : "neutral",
    statementClasses: ["friendly_policy", "friendly_partial", "negative", "potential"],
    assumptions: [
      {
        ko: "감축 목적이 적히지 않은 감축사업은 기후정책사업으로 분류함",
        en: "Reduction lines whose aim is not stated are counted as climate-policy projects",
      },
    ],
  },
  central: {
    id: "central",
    name: {
      ko: "중앙정부 온실가스감축인지 예산 (감축사업만 예산서 작성)",
      en: "Central government (statement for reduction lines only)",
    },
    classes: [
      c("reduction", "감축", "Reduction", "#1b7f3b"),
      c("emission", "배출", "Emission", "#b3261e"),
      c("neutral", "중립", "Neutral", "#5f6368"),
    ],
    map: (l) => (l.class === "mixed" ? "emission" : l.class),
    statementClasses: ["reduction"],
    assumptions: [
      {
        ko: "혼합 사업은 배출로 분류함 (중앙 분류에 혼합이 없어 정한 가정)",
        en: "Mixed lines are counted as emission (an assumption: the central scheme has no mixed class)",
      },
    ],
  },
};

export function classScheme(id: string): ClassScheme {
  const s = CLASS_SCHEMES[id];
  if (!s)
    throw new CitypathError(
      problem("BAD_VALUE", `"${id}" is not a class scheme (${Object.keys(CLASS_SCHEMES).join(", ")})`, {
        path: "scheme",
      }),
    );
  return s;
}

/** The scheme class of a line. */
export function schemeClassOf(
  scheme: ClassScheme,
  line: Pick<BudgetLine, "class" | "reduction">,
): SchemeClass {
  const id = scheme.map(line);
  const found = scheme.classes.find((k) => k.id === id);
  if (!found) throw new Error(`scheme ${scheme.id} maps to unknown class ${id}`);
  return found;
}
