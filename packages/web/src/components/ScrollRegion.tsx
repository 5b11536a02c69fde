import type { ReactNode } from "react";

/**
 * A horizontally scrollable wrapper for wide tables. It is focusable so that keyboard users can scroll it
 * (WCAG 2.1.1; axe "scrollable-region-focusable"), and named so that its focus stop is announced. A group,
 * not a landmark: it sits inside a section that already carries the same name.
 */
export function ScrollRegion(props: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would announce a form group
    <div className="table-wrap" role="group" tabIndex={0} aria-label={props.label}>
      {props.children}
    </div>
  );
}
