import { Component, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Status } from "../components/Status.tsx";

/**
 * Catches an error while a page renders (e.g. an API answer of a shape the site does not know yet) and shows
 * it as an error with its message, inside the layout, instead of an empty window. Keyed on the route by its
 * parent, so that moving to another page starts afresh.
 */
export class PageBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) return <PageError message={this.state.error.message} />;
    return this.props.children;
  }
}

function PageError(props: { message: string }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("status.pageError")}</h1>
      <Status kind="error" error={{ status: 500, code: "render_error", message: props.message }} />
    </>
  );
}
