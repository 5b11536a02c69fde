/**
 * The action library: every action type, and a registry the pathway engine can merge with its built-in
 * types (`actionRegistry(BUILTIN, LIBRARY_ACTION_TYPES)`).
 */
import { actionRegistry, defineActionType, type ActionType as EngineActionType } from "../interface.ts";
import { activeTravel } from "./active-travel.ts";
import { brtCorridor } from "./brt.ts";
import { buildingRetrofit } from "./building-retrofit.ts";
import { busFleetConversion } from "./bus-fleet.ts";
import { evAdoption } from "./ev-adoption.ts";
import { fleetElectrification } from "./fleet-electrification.ts";
import { foodWasteBiogas } from "./food-waste-biogas.ts";
import { heatSwitch } from "./heat-switch.ts";
import { landfillGasCapture } from "./landfill-gas.ts";
import { recycling } from "./recycling.ts";
import { renewablePpa } from "./renewable-ppa.ts";
import { solarPv } from "./solar.ts";
import { streetLights } from "./street-lights.ts";
import { tramLine } from "./tram.ts";
import { treePlanting } from "./trees.ts";
import { urbanGreen } from "./urban-green.ts";
import { wasteReduction } from "./waste-reduction.ts";
import { zeroEnergyBuildings } from "./zero-energy-buildings.ts";

export { activeTravel } from "./active-travel.ts";
export { brtCorridor } from "./brt.ts";
export { buildingRetrofit } from "./building-retrofit.ts";
export { busFleetConversion } from "./bus-fleet.ts";
export { unsourcedParams } from "./common.ts";
export { evAdoption } from "./ev-adoption.ts";
export { fleetElectrification } from "./fleet-electrification.ts";
export { foodWasteBiogas } from "./food-waste-biogas.ts";
export { heatSwitch } from "./heat-switch.ts";
export { actionParamsJsonSchema, actionParamsJsonSchemas } from "./json-schema.ts";
export { STEP_LABELS_KO, stepLabelKo } from "./labels-ko.ts";
export { landfillGasCapture } from "./landfill-gas.ts";
export { recycling } from "./recycling.ts";
export { renewablePpa } from "./renewable-ppa.ts";
export { abatementByScope, municipalShare, type ScopeSplit } from "./scope.ts";
export { solarPv } from "./solar.ts";
export { streetLights } from "./street-lights.ts";
export { tramLine } from "./tram.ts";
export { SPECIES_CURVES, treePlanting, uptakeAt } from "./trees.ts";
export type { ActionResult, ActionType, YearCosts } from "./types.ts";
export { urbanGreen } from "./urban-green.ts";
export { wasteReduction } from "./waste-reduction.ts";
export { zeroEnergyBuildings } from "./zero-energy-buildings.ts";

/** Every library type, with its parameter type erased for the registry. */
export const LIBRARY_ACTION_TYPES: readonly EngineActionType<unknown>[] = [
  defineActionType(brtCorridor),
  defineActionType(tramLine),
  defineActionType(busFleetConversion),
  defineActionType(fleetElectrification),
  defineActionType(evAdoption),
  defineActionType(activeTravel),
  defineActionType(buildingRetrofit),
  defineActionType(heatSwitch),
  defineActionType(zeroEnergyBuildings),
  defineActionType(streetLights),
  defineActionType(solarPv),
  defineActionType(renewablePpa),
  defineActionType(treePlanting),
  defineActionType(urbanGreen),
  defineActionType(wasteReduction),
  defineActionType(recycling),
  defineActionType(foodWasteBiogas),
  defineActionType(landfillGasCapture),
];

/** The library alone as a registry. */
export const libraryRegistry = () => actionRegistry(LIBRARY_ACTION_TYPES);
