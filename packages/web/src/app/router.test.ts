import { describe, expect, it } from "vitest";
import { parseLocation, pathFor, switchLocale } from "./router.ts";

describe("routes", () => {
  it("reads the language from the first segment, Korean by default", () => {
    expect(parseLocation("/en/emissions").locale).toBe("en");
    expect(parseLocation("/ko/").route).toEqual({ page: "home" });
    const bare = parseLocation("/agenda");
    expect(bare.locale).toBe("ko");
    expect(bare.missingLocale).toBe(true);
    expect(bare.route).toEqual({ page: "agenda" });
  });
  it("round-trips every page", () => {
    const routes = [
      { page: "home" },
      { page: "emissions" },
      { page: "line", lineId: "I.1.1 주거" },
      { page: "agenda" },
      { page: "action", actionId: "brt_kirin" },
      { page: "explorer" },
      { page: "districts" },
      { page: "data" },
      { page: "workspace" },
      { page: "workspace", path: ["work"] },
      { page: "workspace", path: ["actions", "brt 2"] },
      { page: "consultations" },
      { page: "consultation", consultationId: "brt-phase-2" },
      { page: "account" },
      { page: "account", path: ["sign-up"] },
    ] as const;
    for (const r of routes) expect(parseLocation(pathFor("en", r)).route).toEqual(r);
  });
  it("switches language on the same page and keeps the query", () => {
    expect(switchLocale("/ko/agenda", "?q=BRT", "en")).toBe("/en/agenda?q=BRT");
    expect(switchLocale("/en/emissions/lines/x", "", "ko")).toBe("/ko/emissions/lines/x");
    expect(switchLocale("/ko/workspace/actions/brt", "", "en")).toBe("/en/workspace/actions/brt");
  });
  it("an unknown path is not found", () => {
    expect(parseLocation("/ko/nowhere").route).toEqual({ page: "notFound" });
  });
});
