import { describe, expect, it } from "vitest";
import { initI18n } from "../i18n/index.ts";
import { addParticipationTexts } from "../i18n/participation.ts";
import { filler, itemTexts } from "./item-texts.ts";

describe("an item's texts, translated once for the list", () => {
  it("read exactly as each item's own translation did, in Korean and English", async () => {
    const i18n = initI18n("ko");
    addParticipationTexts(i18n);
    for (const lng of ["ko", "en"] as const) {
      await i18n.changeLanguage(lng);
      const t = i18n.t.bind(i18n);
      const x = itemTexts(t);
      for (const n of ["0", "1", "1,234"]) expect(x.supports(n)).toBe(t("pt.comments.supports", { n }));
      const date = lng === "ko" ? "2026년 12월 6일 오후 6:00" : "6 Dec 2026, 18:00";
      expect(x.due(date)).toBe(t("pt.answer.due", { date }));
      expect(x.overdue(date)).toBe(t("pt.answer.overdue", { date }));
      expect(x.answeredAt(date)).toBe(t("pt.answer.answeredAt", { date }));
      expect(x.due(date)).toContain(date);
      expect(x.illustrative).toBe(t("pt.comments.illustrative"));
      expect(x.edited).toBe(t("pt.comments.edited"));
    }
  });

  it("fills every place the value goes, and a text without one stays as it is", async () => {
    const i18n = initI18n("en");
    i18n.addResourceBundle("en", "translation", { x: { twice: "{{v}} and {{v}}", none: "no value" } }, true);
    const t = i18n.t.bind(i18n);
    expect(filler(t, "x.twice", "v")("a$&b")).toBe("a$&b and a$&b");
    expect(filler(t, "x.none", "v")("a")).toBe("no value");
  });
});
