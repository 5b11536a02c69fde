import { useTranslation } from "react-i18next";
import { useSite } from "../app/context.ts";
import { Link } from "../app/Link.tsx";
import { pathFor } from "../app/router.ts";
import { PageHeader } from "../components/Page.tsx";

export default function NotFound() {
  const { t } = useTranslation();
  const { locale } = useSite();
  return (
    <>
      <PageHeader title={t("notFound.title")} lead={t("notFound.lead")} />
      <p>
        <Link href={pathFor(locale, { page: "home" })}>{t("notFound.home")}</Link>
      </p>
    </>
  );
}
