/**
 * 지방재정 기능별 분류 (분야): the first segment of a local budget code. Names as the local budget
 * classification (지방자치단체 예산편성 운영기준) writes them; Gyeongnam's statement groups by these (REPORTING.md
 * §B.4). An unknown code is shown as it is, never dropped.
 */
import type { LocalText } from "./schema.ts";

export const BUDGET_FUNCTIONS: Record<string, LocalText> = {
  "010": { ko: "일반공공행정", en: "General public administration" },
  "020": { ko: "공공질서및안전", en: "Public order and safety" },
  "050": { ko: "교육", en: "Education" },
  "060": { ko: "문화및관광", en: "Culture and tourism" },
  "070": { ko: "환경", en: "Environment" },
  "080": { ko: "사회복지", en: "Social welfare" },
  "090": { ko: "보건", en: "Health" },
  "100": { ko: "농림해양수산", en: "Agriculture, forestry and fisheries" },
  "110": { ko: "산업·중소기업및에너지", en: "Industry, SMEs and energy" },
  "120": { ko: "교통및물류", en: "Transport and logistics" },
  "140": { ko: "국토및지역개발", en: "Land and regional development" },
  "150": { ko: "과학기술", en: "Science and technology" },
  "160": { ko: "예비비", en: "Reserves" },
  "900": { ko: "기타", en: "Other" },
};

/** The 분야 code of a budget code (its first segment). */
export function functionOf(code: string): string {
  return code.slice(0, 3);
}

export function functionName(code: string): LocalText {
  return BUDGET_FUNCTIONS[code] ?? { ko: `분야 ${code}`, en: `Function ${code}` };
}
