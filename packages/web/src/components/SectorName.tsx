import { krSector } from "@citypath/core/vocabulary/sectors";
import { useTranslation } from "react-i18next";
import type { SectorKey } from "../data/aggregate.ts";

/** A sector's name with its colour swatch (the colour repeats the name, it never replaces it). */
export function SectorName(props: { sector: SectorKey }) {
  const { t } = useTranslation();
  const colour = props.sector === "unassigned" ? "#8a949b" : krSector(props.sector).colour;
  return (
    <span className="sector-name">
      <span className="swatch" style={{ background: colour }} aria-hidden="true" />
      {t(`sector.${props.sector}`)}
    </span>
  );
}
