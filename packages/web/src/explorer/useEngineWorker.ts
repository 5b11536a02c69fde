/**
 * The engine worker of the scenario explorer (worker.ts): it compiles the instance and evaluates the pathway
 * for each set of levels. One evaluation is in flight at a time; a move during it is sent when it returns
 * (the latest levels win). The React state (frame, levers) follows once the sliders rest; the chart is drawn
 * on every frame through `onFrame`.
 */
import { useEffect, useRef, useState } from "react";
import type { Lever } from "../api/model.ts";
import type { FromWorker, PathwayFrame, ToWorker } from "./protocol.ts";

type Text = { ko: string; en: string };
type Loaded = Extract<FromWorker, { type: "loaded" }>;

export type EngineState =
  | { state: "loading" }
  | { state: "error"; code: string; message: string }
  | { state: "ready"; scenarioId: string; scenarioName: Text };

export interface EngineHandlers {
  /** A scenario was (re)loaded: its levers and first frame are in the state. */
  onLoaded(m: Loaded): void;
  /** A frame arrived (draw it now). */
  onFrame(frame: PathwayFrame): void;
  /** The sliders rested on a frame (its text and table are in the state now). */
  onRest(): void;
}

/** How long the sliders must rest before the text, the table and the analysis follow, ms. */
const REST_MS = 150;

/** Where the explorer starts: a shared address's scenario, driver paths and levels (null: the defaults). */
export interface EngineStart {
  scenario: string | null;
  drivers: string | null;
  levels: Record<string, number>;
}

export function useEngineWorker(instance: unknown | null, handlers: EngineHandlers, start?: EngineStart) {
  const on = useRef(handlers);
  on.current = handlers;
  const worker = useRef<Worker | null>(null);
  const levels = useRef<Record<string, number>>({});
  const scenarioId = useRef<string | null>(null);
  const driversId = useRef("bau");
  const seq = useRef(0);
  const inFlight = useRef(false);
  const dirty = useRef(false);
  const restTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const startRef = useRef(start);
  const baseLevels = useRef<Record<string, number>>({});

  const [engine, setEngine] = useState<EngineState>({ state: "loading" });
  const [scenarios, setScenarios] = useState<Array<{ id: string; name: Text }>>([]);
  const [levers, setLevers] = useState<Lever[]>([]);
  const [frame, setFrame] = useState<PathwayFrame | null>(null);
  const [initial, setInitial] = useState<PathwayFrame | null>(null);
  const [evalMs, setEvalMs] = useState<number | null>(null);
  const [allTargets, setAllTargets] = useState<Array<{ id: string; name: Text }>>([]);
  const [drivers, setDrivers] = useState<{ id: string; choices: Array<{ id: string; name: Text | null }> }>({
    id: "bau",
    choices: [],
  });

  const send = () => {
    if (!worker.current) return;
    inFlight.current = true;
    dirty.current = false;
    const m: ToWorker = { type: "eval", seq: ++seq.current, levels: { ...levels.current } };
    worker.current.postMessage(m);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: one worker per instance document; send reads refs only
  useEffect(() => {
    if (instance === null) return;
    const w = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
    worker.current = w;
    w.onmessage = (ev: MessageEvent<FromWorker>) => {
      const m = ev.data;
      if (m.type === "error") {
        setEngine({ state: "error", code: m.code, message: m.message });
        inFlight.current = false;
        return;
      }
      if (m.type === "loaded") {
        levels.current = Object.fromEntries(m.levers.map((l) => [l.id, l.value]));
        baseLevels.current = m.baseLevels;
        scenarioId.current = m.scenarioId;
        driversId.current = m.drivers;
        setDrivers({ id: m.drivers, choices: m.driverChoices });
        setAllTargets(m.allTargets);
        on.current.onLoaded(m);
        setLevers(m.levers);
        setInitial(m.frame);
        setFrame(m.frame);
        setScenarios(m.scenarios);
        setEngine({ state: "ready", scenarioId: m.scenarioId, scenarioName: m.scenarioName });
        return;
      }
      inFlight.current = false;
      // draw first (synchronously, straight into the chart), then let React update the text and table
      on.current.onFrame(m.frame);
      if (dirty.current) send();
      if (restTimer.current !== undefined) clearTimeout(restTimer.current);
      const f = m.frame;
      const ms = m.evalMs;
      restTimer.current = setTimeout(() => {
        setFrame(f);
        setEvalMs(ms);
        on.current.onRest();
      }, REST_MS);
    };
    // the first load starts where a shared address says (its scenario, driver paths and levels), once
    const st = startRef.current;
    startRef.current = undefined;
    const load: ToWorker = {
      type: "load",
      instance,
      scenarioId: st?.scenario ?? null,
      drivers: st?.drivers ?? null,
      ...(st && Object.keys(st.levels).length ? { levels: st.levels } : {}),
    };
    w.postMessage(load);
    return () => {
      if (restTimer.current !== undefined) clearTimeout(restTimer.current);
      w.terminate();
      worker.current = null;
    };
  }, [instance]);

  return {
    engine,
    scenarios,
    levers,
    frame,
    initial,
    evalMs,
    drivers,
    allTargets,
    /** The scenario, driver paths and levels now in the engine (for the analysis worker). */
    current: () => ({
      scenarioId: scenarioId.current,
      drivers: driversId.current,
      levels: { ...levels.current },
      /** The scenario's own levels (what a shared address leaves out). */
      baseLevels: { ...baseLevels.current },
    }),
    setLevel(id: string, value: number): void {
      levels.current[id] = value;
      setLevers((ls) => ls.map((l) => (l.id === id ? { ...l, value } : l)));
      if (inFlight.current) dirty.current = true;
      else send();
    },
    /** Loads a scenario (null: the instance's main one) with a driver set; `keep` keeps the levels. */
    load(scenario: string | null, driverId: string | null = null, keep?: boolean): void {
      if (instance === null) return;
      const m: ToWorker = {
        type: "load",
        instance,
        scenarioId: scenario,
        drivers: driverId,
        ...(keep ? { levels: { ...levels.current } } : {}),
      };
      worker.current?.postMessage(m);
    },
  };
}
