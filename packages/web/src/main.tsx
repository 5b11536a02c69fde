import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { api } from "./api/client.ts";
import { adoptPageEarly } from "./api/early.ts";
import { App, preloadPage } from "./app/App.tsx";
import { startPage } from "./app/early-start.ts";
import { parseLocation, type Route } from "./app/router.ts";
import { preloadCharts } from "./charts/Chart.tsx";
import { initI18n, loadLocale } from "./i18n/index.ts";
import "./styles.css";

/** The pages that draw a chart on opening. */
const CHART_PAGES = new Set<Route["page"]>(["home", "emissions", "line", "action", "explorer", "districts"]);

// In development every answer is checked against the server's OpenAPI document; the production build drops
// this branch and the validator with it.
if (import.meta.env.DEV) await (await import("./api/answer-check.ts")).checkAnswersInDevelopment(api);

const loc = parseLocation(window.location.pathname, window.location.search);
// Before anything is drawn: the answers index.html asked for, the page's first requests and its code.
adoptPageEarly();
startPage(loc);
const pageCode = preloadPage(loc.route.page);
// The chart library is a separate chunk; pages that draw charts start fetching it at once.
if (CHART_PAGES.has(loc.route.page)) void preloadCharts();
const i18n = initI18n(loc.locale);
const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
// The first render waits for the page's code (fetched meanwhile beside the entry's): the page is then drawn
// without a Suspense fallback first, and so without React's 300 ms hold on revealing it (decision 0093). Not
// an `await` at the module's top: the page's chunk imports the entry's modules, which would then never finish
// evaluating (and the bundler splits the entry into many small chunks to avoid that).
// An English page waits for its texts too (a chunk of their own, fetched beside the page's).
void Promise.all([pageCode, loadLocale(i18n, loc.locale)]).then(() =>
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  ),
);
