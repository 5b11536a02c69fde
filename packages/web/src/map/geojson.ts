import type { Feature, FeatureCollection, Geometry, Position } from "geojson";

/** A district's properties: `id` and `name` name it (either may be missing; other properties are kept). */
export type DistrictProperties = Record<string, unknown> | null;

/** A GeoJSON FeatureCollection of district polygons; each feature's properties carry `id` and `name`. */
export type GeoJSON = FeatureCollection<Geometry, DistrictProperties>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

const isPosition = (v: unknown): v is Position =>
  Array.isArray(v) && v.length >= 2 && v.every((c) => typeof c === "number" && Number.isFinite(c));

/** Arrays nested `depth` deep around positions (0: a position, 1: a list of positions, ...). */
function isNested(v: unknown, depth: number): boolean {
  if (depth === 0) return isPosition(v);
  return Array.isArray(v) && v.every((x) => isNested(x, depth - 1));
}

/** How deep each geometry type nests its positions (RFC 7946 section 3.1). */
const DEPTH: Readonly<Record<string, number>> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

function isGeometry(v: unknown): v is Geometry {
  if (!isObject(v) || typeof v.type !== "string") return false;
  if (v.type === "GeometryCollection")
    return Array.isArray(v.geometries) && v.geometries.every((g) => isGeometry(g));
  const depth = DEPTH[v.type];
  return depth !== undefined && isNested(v.coordinates, depth);
}

function isFeature(v: unknown): v is Feature<Geometry, DistrictProperties> {
  return (
    isObject(v) &&
    v.type === "Feature" &&
    isGeometry(v.geometry) &&
    (v.properties === null || isObject(v.properties))
  );
}

/**
 * Whether a parsed file is a FeatureCollection whose every feature has a geometry of RFC 7946's types with
 * its positions nested as the type says, and properties that are an object or null.
 */
export function isGeoJson(v: unknown): v is GeoJSON {
  return (
    isObject(v) && v.type === "FeatureCollection" && Array.isArray(v.features) && v.features.every(isFeature)
  );
}

/** Bounding box of every coordinate in a FeatureCollection: [west, south, east, north]. */
export function bbox(g: GeoJSON): [number, number, number, number] | null {
  let w = Number.POSITIVE_INFINITY;
  let s = Number.POSITIVE_INFINITY;
  let e = Number.NEGATIVE_INFINITY;
  let n = Number.NEGATIVE_INFINITY;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === "number" && typeof c[1] === "number") {
      w = Math.min(w, c[0]);
      e = Math.max(e, c[0]);
      s = Math.min(s, c[1]);
      n = Math.max(n, c[1]);
    } else if (Array.isArray(c)) for (const x of c) visit(x);
  };
  const geometry = (x: Geometry): void => {
    if (x.type === "GeometryCollection") for (const part of x.geometries) geometry(part);
    else visit(x.coordinates);
  };
  for (const f of g.features) geometry(f.geometry);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
