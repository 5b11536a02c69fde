import { createContext, useContext } from "react";
import type { Tenant } from "../api/model.ts";
import type { Locale } from "../format.ts";

export interface Site {
  locale: Locale;
  /** The city the site shows (the first tenant the API lists), null while loading or when there is none. */
  tenant: Tenant | null;
  query: URLSearchParams;
}

export const SiteContext = createContext<Site>({ locale: "ko", tenant: null, query: new URLSearchParams() });
export const useSite = () => useContext(SiteContext);
