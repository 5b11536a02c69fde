/**
 * A draft report put to consultation (admins; decisions 0059 and 0056): the answering department and the
 * closing day, then a confirm step saying what opens (a public consultation on the plan naming the year
 * checked, open at once), saved through the typed consultation PUT (audited on the server, which refuses
 * anyone but an admin and any report past its draft). Once there is one, the page shows it and links to it.
 */
import { localIn } from "@citypath/core/vocabulary/local";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { api, result, type Schemas } from "../api/client.ts";
import { Link } from "../app/Link.tsx";
import { pathFor } from "../app/router.ts";
import { Status } from "../components/Status.tsx";
import { formatInstant } from "../format.ts";
import { useWs } from "./context.ts";
import { FormErrors, SelectField, TextField } from "./fields.tsx";
import { useGuardedCall } from "./guard.tsx";
import { type ConsultForm, consultForm } from "./report-forms.ts";
import { saveFailureText } from "./saving.ts";
import { staffClient } from "./session.ts";
import { apiErrorOf, plansQuery, unwrap } from "./staff.ts";

type Consultation = Schemas["ConsultationSave"]["consultation"];

const consultationsKey = (tenant: string) => ["t", tenant, "consultations"] as const;

/** The consultation's id: the report's plan and year (at most 80 characters, as every id). */
const reportConsultationId = (plan: string, year: number) => `report-${year}-${plan}`.slice(0, 80);

/** What the consultation says of itself, in both languages (stored with it; not the page's language). */
function consultationTexts(year: number): Pick<Consultation, "title" | "description"> {
  return {
    title: {
      ko: `${year}년 이행점검 결과보고서 초안 의견수렴`,
      en: `Consultation on the draft ${year} implementation report`,
    },
    description: {
      ko: `${year}년 탄소중립 기본계획 이행점검 결과보고서 초안의 내용과 수치에 의견을 주세요. 받은 의견과 답변은 이 보고서의 표 Ⅳ-2에 따로 집계됩니다.`,
      en: `Comment on the contents and figures of the draft report checking the carbon-neutrality plan in ${year}. The contributions and answers are counted in a row of their own in the report's table IV-2.`,
    },
  };
}

export function PutToConsultation(props: { plan: string; year: number }) {
  const { t } = useTranslation();
  const ws = useWs();
  const guard = useGuardedCall();
  const queryClient = useQueryClient();
  const plans = useQuery(plansQuery(ws.tenant));
  const list = useQuery({
    queryKey: consultationsKey(ws.tenant),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        result(
          api.http.GET("/api/tenants/{tenant}/consultations", {
            params: { path: { tenant: ws.tenant } },
            signal,
          }),
          signal,
        ),
      ),
  });
  const [asked, setAsked] = useState<ConsultForm | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState(false);
  const confirmRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (asked) confirmRef.current?.focus();
  }, [asked]);
  const inMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const form = useForm<ConsultForm>({
    resolver: zodResolver(consultForm),
    defaultValues: { department: "", closes_on: inMonth },
  });

  if (plans.isPending || list.isPending) return <Status kind="loading" />;
  if (plans.isError || list.isError)
    return <Status kind="error" error={apiErrorOf(plans.error ?? list.error)} />;
  const departments = plans.data.departments;
  const deptName = (id: string) => {
    const d = departments.find((x) => x.id === id);
    return d ? localIn(d.name, ws.locale) : id;
  };
  const existing = list.data.consultations.find(
    (c) => c.subject.kind === "plan" && c.subject.id === props.plan && c.subject.report_year === props.year,
  );
  if (existing) {
    const href = `${pathFor(ws.locale, { page: "consultation", consultationId: existing.id })}?city=${encodeURIComponent(ws.tenant)}`;
    return (
      <div data-testid="report-consultation">
        {opened && (
          <p className="status" role="status">
            {t("rp.consult.opened")}
          </p>
        )}
        <p>
          {t("rp.consult.existing", {
            title: existing.title[ws.locale] ?? existing.title.ko,
            closes: formatInstant(existing.closes_at, ws.locale),
            department: deptName(existing.department),
          })}
        </p>
        <p>
          <Link href={href}>{t("rp.consult.view")}</Link>
        </p>
      </div>
    );
  }

  const ask = form.handleSubmit((v) => {
    setGeneral(null);
    setAsked(v);
  });
  const create = async (v: ConsultForm) => {
    setBusy(true);
    setGeneral(null);
    const id = reportConsultationId(props.plan, props.year);
    const r = await guard(() =>
      result(
        staffClient().http.PUT("/api/tenants/{tenant}/consultations/{consultation}", {
          params: { path: { tenant: ws.tenant, consultation: id } },
          body: {
            base_version: 0,
            consultation: {
              id,
              ...consultationTexts(props.year),
              subject: { kind: "plan", id: props.plan, report_year: props.year },
              audience: "all",
              status: "open",
              opens_at: new Date().toISOString(),
              closes_at: `${v.closes_on}T18:00:00+09:00`,
              department: v.department,
              answer_due_days: 30,
              illustrative: false,
            },
          },
        }),
      ),
    );
    setBusy(false);
    setAsked(null);
    if (!r.ok) {
      setGeneral(saveFailureText(t, r.error));
      return;
    }
    setOpened(true);
    await queryClient.invalidateQueries({ queryKey: consultationsKey(ws.tenant) });
  };

  return (
    <div data-testid="report-consultation">
      <p className="muted">{t("rp.consult.lead")}</p>
      {asked ? (
        <section
          className="ws-confirm"
          aria-labelledby="consult-confirm-h"
          tabIndex={-1}
          ref={confirmRef}
          data-testid="consult-confirm"
        >
          <h3 id="consult-confirm-h">{t("rp.consult.confirmTitle")}</h3>
          <p>
            {t("rp.consult.confirmText", {
              year: props.year,
              closes: asked.closes_on,
              department: deptName(asked.department),
            })}
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => void create(asked)}
            >
              {t("rp.consult.confirm")}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setAsked(null)}>
              {t("rp.consult.cancel")}
            </button>
          </div>
        </section>
      ) : (
        <form className="ws-form" noValidate onSubmit={ask} aria-label={t("rp.consult.formLabel")}>
          <FormErrors form={form} id="rc" general={general} />
          <SelectField
            form={form}
            id="rc"
            name="department"
            label={t("rp.consult.department")}
            options={[
              { value: "", label: t("rp.consult.choose") },
              ...departments.map((d) => ({ value: d.id, label: localIn(d.name, ws.locale) })),
            ]}
          />
          <TextField
            form={form}
            id="rc"
            name="closes_on"
            label={t("rp.consult.closes")}
            hint={t("rp.consult.closesHint")}
          />
          <button type="submit" className="button button--primary">
            {t("rp.consult.submit")}
          </button>
        </form>
      )}
    </div>
  );
}
