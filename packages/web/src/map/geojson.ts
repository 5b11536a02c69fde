/** A GeoJSON FeatureCollection of district polygons; each feature's properties carry `id` and `name`. */
export interface GeoJSON {
  type: "FeatureCollection";
  features: Array<{
    type: "Feature";
    properties: { id?: string; name?: string; [k: string]: unknown } | null;
    geometry: { type: string; coordinates: unknown };
  }>;
}
