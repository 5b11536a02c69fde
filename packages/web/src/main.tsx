import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { api } from "./api/client.ts";
import { App } from "./app/App.tsx";
import { parseLocation } from "./app/router.ts";
import { preloadCharts } from "./charts/Chart.tsx";
import { initI18n } from "./i18n/index.ts";
import "./styles.css";

// In development every answer is checked against the server's OpenAPI document; the production build drops
// this branch and the validator with it.
if (import.meta.env.DEV) await (await import("./api/answer-check.ts")).checkAnswersInDevelopment(api);

const i18n = initI18n(parseLocation(window.location.pathname).locale);
const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
// The chart library is a separate chunk; start fetching it at once, beside the first API calls.
void preloadCharts();
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
);
